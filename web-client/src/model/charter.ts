import type { CharterSnapshot, Commitment, Signature, Zone } from '../protocol/messages';

/** The charter of social vitality (atelier 4): commitments by indicator, signed by name; public. */
export type CharterState = CharterSnapshot;

/** A commitment is one short sentence (the server's limit). */
export const MAX_COMMITMENT_TEXT = 200;

function replaced(state: CharterState, id: string, change: (commitment: Commitment) => Commitment): CharterState {
  return { ...state, commitments: state.commitments.map((commitment) => (commitment.id === id ? change(commitment) : commitment)) };
}

export function withCommitment(state: CharterState, commitment: Commitment): CharterState {
  if (state.commitments.some((known) => known.id === commitment.id)) return replaced(state, commitment.id, () => commitment);
  return { ...state, commitments: [...state.commitments, commitment] };
}

/** A commitment moved to another indicator goes last there, as the server puts it. */
export function withEdit(state: CharterState, id: string, text: string | undefined, zone: string | undefined): CharterState {
  const commitment = state.commitments.find((known) => known.id === id);
  if (!commitment) return state;
  const changed: Commitment = {
    ...commitment,
    ...(text !== undefined && text !== commitment.text && { text, edited: true }),
    ...(zone !== undefined && { zone }),
  };
  if (zone === undefined || zone === commitment.zone) return replaced(state, id, () => changed);
  return { ...state, commitments: [...withoutCommitment(state, id).commitments, changed] };
}

export function withoutCommitment(state: CharterState, id: string): CharterState {
  return { ...state, commitments: state.commitments.filter((commitment) => commitment.id !== id) };
}

/** `goneId` joins `into`: the text given, both commitments' signatures, each person once. */
export function predictMerge(state: CharterState, goneId: string, into: string, text: string): CharterState {
  const gone = state.commitments.find((known) => known.id === goneId);
  const kept = state.commitments.find((known) => known.id === into);
  if (!gone || !kept) return state;
  const signers = new Set(kept.signatures.map((signature) => signature.id));
  const signatures = [...kept.signatures, ...gone.signatures.filter((signature) => !signers.has(signature.id))];
  return withoutCommitment(replaced(state, into, () => ({ ...kept, text, edited: true, signatures })), goneId);
}

/** The indicator's commitments take the places they had, in the order given; the others stay. */
export function withOrder(state: CharterState, zone: string, order: readonly string[]): CharterState {
  const byId = new Map(state.commitments.map((commitment) => [commitment.id, commitment]));
  const queue = order.map((id) => byId.get(id)).filter((commitment): commitment is Commitment => commitment !== undefined);
  if (queue.length !== state.commitments.filter((commitment) => commitment.zone === zone).length) return state;
  let place = 0;
  return { ...state, commitments: state.commitments.map((commitment) => (commitment.zone === zone ? queue[place++]! : commitment)) };
}

export function withSignature(state: CharterState, id: string, signed: boolean, signature: Signature): CharterState {
  return replaced(state, id, (commitment) => {
    const others = commitment.signatures.filter((known) => known.id !== signature.id);
    return { ...commitment, signatures: signed ? [...others, signature] : others };
  });
}

export function withFrozen(state: CharterState, frozen: boolean, frozenAt: number | undefined): CharterState {
  const { frozenAt: _previous, ...rest } = state;
  return frozen ? { ...rest, frozen, frozenAt } : { ...rest, frozen };
}

export function hasSigned(commitment: Commitment, participantId: string): boolean {
  return commitment.signatures.some((signature) => signature.id === participantId);
}

export interface IndicatorCommitments {
  zone: Zone;
  commitments: Commitment[];
}

/** The commitments under each indicator (the board's zones), in the charter's order. */
export function byIndicator(state: CharterState, zones: readonly Zone[]): IndicatorCommitments[] {
  return zones.map((zone) => ({ zone, commitments: state.commitments.filter((commitment) => commitment.zone === zone.id) }));
}

/** The order of an indicator with one commitment moved `by` places (-1 up, +1 down); null at an end. */
export function movedOrder(state: CharterState, zone: string, id: string, by: -1 | 1): string[] | null {
  const ids = state.commitments.filter((commitment) => commitment.zone === zone).map((commitment) => commitment.id);
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return ids;
}
