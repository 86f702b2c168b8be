import type { Participant, Plenary, Workshop, WorkshopSnapshot } from '../protocol/messages';
import type { StreamType } from './stream-model';
import { closed, isOpen, itemKey, opened, predictDot, withOwnDot, withShadow, type VoteState } from './votes';

/** A workshop stream's state: what is workshop-wide, and the roster its animators see. */
export interface WorkshopStreamState {
  readonly workshop: Workshop;
  /** Participants who joined, oldest first: those of the snapshot when it has them, then the joins seen. Only animators are told. */
  readonly participants: readonly Participant[];
  /** The workshop's votes, in opening order, as this person may see them. */
  readonly votes: readonly VoteState[];
  /**
   * The vote the plenary screen shows instead of boards: the last one opened or closed, until the
   * animator shows boards again. After a reload, the last vote if it is still open.
   */
  readonly plenaryVote: string | null;
}

function withVote(state: WorkshopStreamState, voteId: string, change: (vote: VoteState) => VoteState): WorkshopStreamState {
  return { ...state, votes: state.votes.map((vote) => (vote.vote.id === voteId ? change(vote) : vote)) };
}

function withPlenary(state: WorkshopStreamState, plenary: Plenary): WorkshopStreamState {
  return { ...state, workshop: { ...state.workshop, plenary }, plenaryVote: null };
}

function withBoardLocked(state: WorkshopStreamState, boardId: string, locked: boolean): WorkshopStreamState {
  const boards = state.workshop.boards.map((board) => (board.id === boardId ? { ...board, locked } : board));
  return { ...state, workshop: { ...state.workshop, boards } };
}

function withParticipant(state: WorkshopStreamState, participant: Participant): WorkshopStreamState {
  const others = state.participants.filter((known) => known.id !== participant.id);
  return { ...state, participants: [...others, participant] };
}

/** The element types of the workshop stream: the plenary's choice, board locks, the roster. */
export const workshopStreamType: StreamType<'workshop', WorkshopStreamState> = {
  kind: 'workshop',
  fromSnapshot: ({ workshop: { participants = [], ...workshop }, votes = [] }: WorkshopSnapshot) => {
    const last = votes.at(-1);
    return { workshop, participants, votes, plenaryVote: last && isOpen(last) ? last.vote.id : null };
  },
  events: {
    'board.locked': (state, event) => withBoardLocked(state, event.board, event.locked),
    'plenary.changed': (state, event) => withPlenary(state, event.plenary),
    'participant.joined': (state, event) => withParticipant(state, event.participant),
    'vote.opened': (state, event) => ({ ...state, votes: [...state.votes, opened(event.vote)], plenaryVote: event.vote.id }),
    'vote.placed': (state, event) => withVote(state, event.vote, (vote) => withOwnDot(vote, event)),
    'vote.retracted': (state, event) => withVote(state, event.vote, (vote) => withOwnDot(vote, event)),
    'vote.closed': (state, event) => ({
      ...withVote(state, event.vote, (vote) => closed(vote, event.result)),
      plenaryVote: event.vote,
    }),
  },
  shadow: (state, event) => ({ ...state, votes: withShadow(state.votes, event) }),
  commands: {
    'board.lock': (state, command) => withBoardLocked(state, command.board, command.locked),
    'plenary.show': (state, command) => withPlenary(state, { boards: command.boards }),
    // Shown once the server has fixed its notes.
    'vote.open': (state) => state,
    'vote.cast': (state, command) => withVote(state, command.vote, (vote) => predictDot(vote, itemKey(command), 1)),
    'vote.retract': (state, command) => withVote(state, command.vote, (vote) => predictDot(vote, itemKey(command), -1)),
    'vote.close': (state) => state,
  },
};
