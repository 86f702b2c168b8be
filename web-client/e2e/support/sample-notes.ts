import type { SeedNote } from './seed';

/** A "Pépites, opportunités, vigilance" board as a village's sub-group fills it: two notes a zone. */
export const PEPITES: SeedNote[] = [
  { text: 'Le marché du jeudi, où tout le monde se croise', zone: 'z1', color: 'yellow' },
  { text: 'La fête du pain attire tout le canton', zone: 'z1', color: 'orange' },
  { text: 'Une salle des fêtes rénovée, libre le soir', zone: 'z2', color: 'green' },
  { text: 'Des retraités prêts à animer un atelier vélo', zone: 'z2', color: 'blue' },
  { text: 'Les jeunes partent après le lycée', zone: 'z3', color: 'pink' },
  { text: 'Plus de médecin depuis 2024', zone: 'z3', color: 'purple' },
];

/** A free wall with three notes, one put beside another by hand. */
export const MOBILITES: SeedNote[] = [
  { text: 'Un minibus le samedi matin', zone: 'z1', color: 'yellow' },
  { text: 'Covoiturage organisé depuis la mairie', zone: 'z1', color: 'blue' },
  { text: 'Pistes cyclables vers le collège', zone: 'z1', color: 'green', x: 150, y: 12 },
];
