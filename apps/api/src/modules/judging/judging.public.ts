// What judging publishes besides its Nest module: a heat's standings read
// inside a caller's transaction (the demo seed awards the past final by them).
export { heatStandings } from './heat-standings';
