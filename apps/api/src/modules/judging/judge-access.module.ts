import { Module } from '@nestjs/common';
import { JudgeAccessService } from './judge-access.service';

// A leaf of judging with one question, "may this judge see this project?",
// for registration's project view. Judging depends on registration (a round
// takes a heat's eligible projects), so registration cannot import
// JudgingModule; this module imports nothing and breaks the cycle.
@Module({
  providers: [JudgeAccessService],
  exports: [JudgeAccessService],
})
export class JudgeAccessModule {}
