// What heats publishes besides its Nest module: the award writers, for code
// that writes a final's awards inside its own transaction the way the awards
// routes do (the demo seed).
export { type FinalHeat, planFinalAwards, recordAwards, writeAwardTiers } from './award-assignment';
