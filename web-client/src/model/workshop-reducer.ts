import type { Board, JoinDisplay, Participant, Plenary, Workshop, WorkshopSnapshot } from '../protocol/messages';
import type { StreamType } from './stream-model';
import { agendaFromSnapshot, predictedGo, withCurrent, withSequences, withTimer, type AgendaState, type Timers } from './agenda';
import { closed, isOpen, itemKey, opened, predictDot, withOwnDot, withShadow, type VoteState } from './votes';

/** A workshop stream's state: what is workshop-wide, and the roster its animators see. */
export interface WorkshopStreamState {
  readonly workshop: Workshop;
  /** Participants who joined, oldest first: those of the snapshot when it has them, then the joins seen. Only animators are told. */
  readonly participants: readonly Participant[];
  readonly agenda: AgendaState;
  readonly timers: Timers;
  /**
   * What changed of the reader itself, for a participant (moved, done): it sees those events in
   * full only when they are about itself, and its roster is empty.
   */
  readonly own: Partial<Pick<Participant, 'board' | 'done'>>;
  /** The workshop's votes, in opening order, as this person may see them. */
  readonly votes: readonly VoteState[];
  /**
   * The vote the plenary screen shows instead of boards: the last one opened or closed, until the
   * animator shows boards again. After a reload, the last vote if it is still open.
   */
  readonly plenaryVote: string | null;
  /** Whether the projector shows the previous atelier's recap; undefined when the workshop opens with none. */
  readonly recapShown?: boolean;
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

function withWorkshop(state: WorkshopStreamState, change: Partial<Workshop>): WorkshopStreamState {
  return { ...state, workshop: { ...state.workshop, ...change } };
}

function withBoardSettings(state: WorkshopStreamState, boardId: string, mode: string, anyoneEdits: boolean): WorkshopStreamState {
  const boards = state.workshop.boards.map((board) => (board.id === boardId ? { ...board, mode, anyoneEdits } : board));
  return { ...state, workshop: { ...state.workshop, boards } };
}

/** Boards made while the workshop runs, after the workshop's own; one already known is not added twice. */
function withBoards(state: WorkshopStreamState, added: readonly Board[]): WorkshopStreamState {
  const fresh = added.filter((board) => !state.workshop.boards.some((known) => known.id === board.id));
  return withWorkshop(state, { boards: [...state.workshop.boards, ...fresh] });
}

function withParticipant(state: WorkshopStreamState, participant: Participant): WorkshopStreamState {
  const others = state.participants.filter((known) => known.id !== participant.id);
  return { ...state, participants: [...others, participant] };
}

/** A roster entry changed in place (a move, "j'ai fini"); without a roster, it is the reader's own. */
function withRosterChange(
  state: WorkshopStreamState,
  id: string,
  change: Pick<WorkshopStreamState['own'], 'board' | 'done'>,
): WorkshopStreamState {
  if (!state.participants.some((known) => known.id === id)) return { ...state, own: { ...state.own, ...change } };
  return { ...state, participants: state.participants.map((known) => (known.id === id ? { ...known, ...change } : known)) };
}

/** A new sequence: nobody is done with it yet (the server resets "j'ai fini" in the same step). */
function notDone(state: WorkshopStreamState): WorkshopStreamState {
  return {
    ...state,
    participants: state.participants.map((known) => (known.done ? { ...known, done: false } : known)),
    // Set even when unknown here: the identity read at load may still say "done".
    own: { ...state.own, done: false },
  };
}

/** The element types of the workshop stream: the plenary's choice, board locks and settings, the roster, the group menu. */
export const workshopStreamType: StreamType<'workshop', WorkshopStreamState> = {
  kind: 'workshop',
  fromSnapshot: (snapshot: WorkshopSnapshot) => {
    const { participants = [], ...workshop } = snapshot.workshop;
    const votes = snapshot.votes ?? [];
    const last = votes.at(-1);
    const plenaryVote = last && isOpen(last) ? last.vote.id : null;
    return { workshop, participants, own: {}, ...agendaFromSnapshot(snapshot), votes, plenaryVote, recapShown: snapshot.recap?.shown };
  },
  events: {
    'board.locked': (state, event) => withBoardLocked(state, event.board, event.locked),
    'board.configured': (state, event) => withBoardSettings(state, event.board, event.mode, event.anyoneEdits),
    'plenary.changed': (state, event) => withPlenary(state, event.plenary),
    'participant.joined': (state, event) => withParticipant(state, event.participant),
    'agenda.changed': (state, event) => ({ ...state, agenda: withSequences(state.agenda, event.sequences) }),
    'sequence.changed': (state, event) => ({ ...notDone(state), agenda: withCurrent(state.agenda, event.current, event.startedAt) }),
    'timer.changed': (state, event) => ({ ...state, timers: withTimer(state.timers, event.group, event.timer) }),
    'join.displayed': (state, event) => withWorkshop(state, { joinDisplay: event.mode as JoinDisplay }),
    'participant.moved': (state, event) => withRosterChange(state, event.participant, { board: event.board }),
    'groups.locked': (state, event) => withWorkshop(state, { groupsLocked: event.locked }),
    // Where to go is the client's business (the session tells its listeners); the state keeps nothing.
    follow: (state) => state,
    'participant.finished': (state, event) => withRosterChange(state, event.participant, { done: event.done }),
    'participant.removed': (state, event) => ({
      ...state,
      participants: state.participants.filter((known) => known.id !== event.participant),
    }),
    'vote.opened': (state, event) => ({ ...state, votes: [...state.votes, opened(event.vote)], plenaryVote: event.vote.id }),
    'vote.placed': (state, event) => withVote(state, event.vote, (vote) => withOwnDot(vote, event)),
    'vote.retracted': (state, event) => withVote(state, event.vote, (vote) => withOwnDot(vote, event)),
    'vote.closed': (state, event) => ({
      ...withVote(state, event.vote, (vote) => closed(vote, event.result)),
      plenaryVote: event.vote,
    }),
    'boards.added': (state, event) => withBoards(state, event.boards),
    'recap.displayed': (state, event) => ({ ...state, recapShown: event.shown }),
  },
  shadow: (state, event) => ({ ...state, votes: withShadow(state.votes, event) }),
  commands: {
    'board.lock': (state, command) => withBoardLocked(state, command.board, command.locked),
    'board.configure': (state, command) => withBoardSettings(state, command.board, command.mode, command.anyoneEdits),
    'plenary.show': (state, command) => withPlenary(state, { boards: command.boards }),
    'agenda.set': (state, command) => ({ ...state, agenda: withSequences(state.agenda, command.sequences) }),
    'sequence.go': (state, command, queuedAt) => ({ ...state, agenda: predictedGo(state.agenda, command.to, queuedAt) }),
    // What a timer action does depends on the server's time: shown once the server says.
    'timer.set': (state) => state,
    'join.display': (state, command) => withWorkshop(state, { joinDisplay: command.mode as JoinDisplay }),
    'participant.move': (state, command) => withRosterChange(state, command.participant, { board: command.board }),
    'groups.lock': (state, command) => withWorkshop(state, { groupsLocked: command.locked }),
    'group.follow': (state) => state,
    'participant.done': (state, command) => ({ ...state, own: { ...state.own, done: command.done } }),
    // Shown once the server has fixed its notes.
    'vote.open': (state) => state,
    'vote.cast': (state, command) => withVote(state, command.vote, (vote) => predictDot(vote, itemKey(command), 1)),
    'vote.retract': (state, command) => withVote(state, command.vote, (vote) => predictDot(vote, itemKey(command), -1)),
    'vote.close': (state) => state,
    // The boards are the server's to number: shown once it says.
    'atelier.deepen': (state) => state,
    'axes.set': (state) => state,
    'axis.choose': (state, command) => ({ ...state, own: { ...state.own, board: command.board } }),
    'recap.display': (state, command) => ({ ...state, recapShown: command.shown }),
  },
};
