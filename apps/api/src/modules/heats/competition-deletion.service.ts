import { Injectable } from '@nestjs/common';
import { Actor } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from '../judging/rounds.service';
import { RegistrationService } from '../registration/registration.service';

// Deleting a competition asks registration and judging whether anything of
// theirs keeps it. Registration and judging depend on competitions, so the
// question is put here, in a context that already depends on all three.
@Injectable()
export class CompetitionDeletionService {
  constructor(
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly rounds: RoundsService,
  ) {}

  delete(actor: Actor, competitionId: string) {
    return this.competitions.delete(actor, competitionId, async (tx, id) => {
      await this.registration.assertNoRegistrationIn(tx, id);
      await this.rounds.assertNoRoundIn(tx, id);
    });
  }
}
