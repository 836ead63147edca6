import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { HeatsModule } from '../heats/heats.module';
import { JudgingModule } from '../judging/judging.module';
import { RegistrationModule } from '../registration/registration.module';
import { EvidencePackService } from './evidence-pack.service';
import { RecordController } from './record.controller';

// The official record (evidence packs). Other contexts add their sections by
// providing EVIDENCE_SECTIONS here (see evidence-sections.ts).
@Module({
  imports: [CompetitionsModule, HeatsModule, JudgingModule, RegistrationModule],
  controllers: [RecordController],
  providers: [EvidencePackService],
  exports: [EvidencePackService],
})
export class RecordModule {}
