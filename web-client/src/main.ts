import './styles.css';
import { BoardModel } from './model/board-model';
import { Credentials } from './model/credentials';
import type { LocalAuthor } from './model/optimistic';
import { localStorageOrMemory, MemoryStorage, type KeyValueStorage } from './model/storage';
import { StreamSyncClient } from './model/stream-sync';
import { WorkshopSession } from './model/workshop-session';
import { browserConnectivity } from './net/connectivity';
import { EventBusSocket } from './net/eventbus-socket';
import { createHttpApi } from './net/http-api';
import { openSockJsTransport } from './net/sockjs-transport';
import { startApp } from './view/app';
import type { BoardHandle, Services } from './view/context';

const storage = localStorageOrMemory();
const socket = new EventBusSocket({
  url: `${location.origin}/eventbus`,
  openTransport: openSockJsTransport,
  connectivity: browserConnectivity,
});

function syncedBoard(
  boardId: string,
  token: string,
  author: LocalAuthor,
  pendingStorage: KeyValueStorage,
): BoardHandle {
  const model = new BoardModel({ boardId, storage: pendingStorage, author });
  const sync = new StreamSyncClient(socket, model.stream, token);
  sync.start();
  return { model, stop: () => sync.stop() };
}

const services: Services = {
  api: createHttpApi(),
  credentials: new Credentials(storage),
  connection: socket,
  openWorkshop(token) {
    const session = new WorkshopSession(socket, token);
    session.start();
    return session;
  },
  openBoard: (boardId, token, author) => syncedBoard(boardId, token, author, storage),
  watchBoard: (boardId, token) => syncedBoard(boardId, token, { id: '', name: '' }, new MemoryStorage()),
};

startApp(document.getElementById('app')!, services, storage);
