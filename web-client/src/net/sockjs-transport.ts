import SockJS from 'sockjs-client';
import type { TransportFactory } from './transport';

export const openSockJsTransport: TransportFactory = (url, events) => {
  const socket = new SockJS(url);
  socket.onopen = () => events.open();
  socket.onmessage = (message: MessageEvent) => events.message(String(message.data));
  socket.onclose = () => events.close();
  return {
    send: (data) => socket.send(data),
    close: () => {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.close();
    },
  };
};
