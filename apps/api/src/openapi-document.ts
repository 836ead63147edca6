import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

// One definition of the OpenAPI document: served at /api/docs by the api and
// exported at build time for the web client's generated types.
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Innovation competition API')
      .setDescription(
        'Registration, judging, heats and signing for 创新创业大赛 (overview: docs/api.md in the repository)',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
