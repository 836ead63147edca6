import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { IdentityService } from './identity.service';

@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(private readonly identity: IdentityService) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.identity.ensureBootstrapAdmin();
    if (outcome !== 'skipped') this.logger.log({ outcome }, `bootstrap admin ${outcome}`);
  }
}
