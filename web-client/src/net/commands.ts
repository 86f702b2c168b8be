import { COMMAND_ADDRESS } from '../protocol/addresses';
import type { Command, ReplyTo } from '../protocol/messages';
import type { BusSocket } from './bus-socket';

export function sendCommand<C extends Command>(socket: BusSocket, token: string, command: C): Promise<ReplyTo<C>> {
  return socket.send<ReplyTo<C>>(COMMAND_ADDRESS, command, { token });
}
