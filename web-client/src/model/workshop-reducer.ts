import type { Participant, Plenary, Workshop, WorkshopSnapshot } from '../protocol/messages';
import type { StreamType } from './stream-model';
import { agendaFromSnapshot, predictedGo, withCurrent, withSequences, withTimer, type AgendaState, type Timers } from './agenda';

/** A workshop stream's state: what is workshop-wide, and the roster its animators see. */
export interface WorkshopStreamState {
  readonly workshop: Workshop;
  /** Participants who joined, oldest first: those of the snapshot when it has them, then the joins seen. Only animators are told. */
  readonly participants: readonly Participant[];
  readonly agenda: AgendaState;
  readonly timers: Timers;
}

function withPlenary(state: WorkshopStreamState, plenary: Plenary): WorkshopStreamState {
  return { ...state, workshop: { ...state.workshop, plenary } };
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
  fromSnapshot: (snapshot: WorkshopSnapshot) => {
    const { participants = [], ...workshop } = snapshot.workshop;
    return { workshop, participants, ...agendaFromSnapshot(snapshot) };
  },
  events: {
    'board.locked': (state, event) => withBoardLocked(state, event.board, event.locked),
    'plenary.changed': (state, event) => withPlenary(state, event.plenary),
    'participant.joined': (state, event) => withParticipant(state, event.participant),
    'agenda.changed': (state, event) => ({ ...state, agenda: withSequences(state.agenda, event.sequences) }),
    'sequence.changed': (state, event) => ({ ...state, agenda: withCurrent(state.agenda, event.current, event.startedAt) }),
    'timer.changed': (state, event) => ({ ...state, timers: withTimer(state.timers, event.group, event.timer) }),
  },
  commands: {
    'board.lock': (state, command) => withBoardLocked(state, command.board, command.locked),
    'plenary.show': (state, command) => withPlenary(state, { boards: command.boards }),
    'agenda.set': (state, command) => ({ ...state, agenda: withSequences(state.agenda, command.sequences) }),
    'sequence.go': (state, command, queuedAt) => ({ ...state, agenda: predictedGo(state.agenda, command.to, queuedAt) }),
    // What a timer action does depends on the server's time: shown once the server says.
    'timer.set': (state) => state,
  },
};
