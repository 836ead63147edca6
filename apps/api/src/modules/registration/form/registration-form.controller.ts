import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../common/auth.decorators';
import { ApiRoute } from '../../../common/api-route.decorator';
import { ParseUuidParamPipe } from '../../../common/uuid-param.pipe';
import { PutRegistrationFormDto, RegistrationFormViewDto } from '../dto/registration-form.dto';
import { RegistrationFormService } from './registration-form.service';

@ApiTags('registration')
@ApiBearerAuth()
@Controller('competitions/:id/registration-form')
export class RegistrationFormController {
  constructor(private readonly forms: RegistrationFormService) {}

  @ApiRoute({
    summary: "The competition's registration form (extra fields, groups, declaration)",
    type: RegistrationFormViewDto,
    errors: [400, 401, 404],
  })
  @Get()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.forms.view(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Save the registration form (audited); 409 REGISTRATION_FORM_BREAKS_ANSWERS names what stored answers would lose',
    type: RegistrationFormViewDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Put()
  put(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: PutRegistrationFormDto,
  ) {
    return this.forms.save(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Start from another competition's form (last season's); organiser of both",
    type: RegistrationFormViewDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('copy-from/:otherId')
  @HttpCode(200)
  copyFrom(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('otherId', ParseUuidParamPipe) otherId: string,
  ) {
    return this.forms.copyFrom(user, id, otherId);
  }
}
