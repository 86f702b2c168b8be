import type { Participant, Plenary, Workshop, WorkshopSnapshot } from '../protocol/messages';
import type { StreamType } from './stream-model';

/** A workshop stream's state: what is workshop-wide, and the roster its animators see. */
export interface WorkshopStreamState {
  readonly workshop: Workshop;
  /** Participants who joined, oldest first: those of the snapshot when it has them, then the joins seen. Only animators are told. */
  readonly participants: readonly Participant[];
}

function withPlenary(state: WorkshopStreamState, plenary: Plenary): WorkshopStreamState {
  return { ...state, workshop: { ...state.workshop, plenary } };
}

function withBoardLocked(state: WorkshopStreamState, boardId: string, locked: boolean): WorkshopStreamState {
  const boards = state.workshop.boards.map((board) => (board.id === boardId ? { ...board, locked } : board));
  return { ...state, workshop: { ...state.workshop, boards } };
}

function withBoardSettings(state: WorkshopStreamState, boardId: string, mode: string, anyoneEdits: boolean): WorkshopStreamState {
  const boards = state.workshop.boards.map((board) => (board.id === boardId ? { ...board, mode, anyoneEdits } : board));
  return { ...state, workshop: { ...state.workshop, boards } };
}

function withParticipant(state: WorkshopStreamState, participant: Participant): WorkshopStreamState {
  const others = state.participants.filter((known) => known.id !== participant.id);
  return { ...state, participants: [...others, participant] };
}

/** The element types of the workshop stream: the plenary's choice, board locks and settings, the roster. */
export const workshopStreamType: StreamType<'workshop', WorkshopStreamState> = {
  kind: 'workshop',
  fromSnapshot: ({ workshop: { participants = [], ...workshop } }: WorkshopSnapshot) => ({ workshop, participants }),
  events: {
    'board.locked': (state, event) => withBoardLocked(state, event.board, event.locked),
    'board.configured': (state, event) => withBoardSettings(state, event.board, event.mode, event.anyoneEdits),
    'plenary.changed': (state, event) => withPlenary(state, event.plenary),
    'participant.joined': (state, event) => withParticipant(state, event.participant),
  },
  commands: {
    'board.lock': (state, command) => withBoardLocked(state, command.board, command.locked),
    'board.configure': (state, command) => withBoardSettings(state, command.board, command.mode, command.anyoneEdits),
    'plenary.show': (state, command) => withPlenary(state, { boards: command.boards }),
  },
};
