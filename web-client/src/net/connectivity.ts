export interface ConnectivityListener {
  online(): void;
  offline(): void;
  visible(): void;
}

/** What the browser says about the network and the page, as the socket needs it. */
export interface Connectivity {
  readonly online: boolean;
  subscribe(listener: ConnectivityListener): () => void;
}

export const browserConnectivity: Connectivity = {
  get online() {
    return navigator.onLine;
  },
  subscribe(listener) {
    const online = () => listener.online();
    const offline = () => listener.offline();
    const visibilityChange = () => {
      if (document.visibilityState === 'visible') listener.visible();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visibilityChange);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visibilityChange);
    };
  },
};
