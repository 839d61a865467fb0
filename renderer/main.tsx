// Before anything else evaluates: the page's start calls go out (renderer/start-up/start-up.ts, (a)).
// A side-effect import, which import sorting leaves first.
import './start-up/start-up.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app.tsx';
import { MissingBridge } from './components/missing-bridge.tsx';
import { opus } from './opus.ts';
import { pageStart } from './start-up/start-up.ts';
import './styles/index.css';

const container = document.getElementById('root');
if (container) {
  // (b) Only now, with the bundle evaluated: its limit counts from here.
  void (pageStart?.firstScreen() ?? Promise.resolve()).then(() =>
    createRoot(container).render(
      <StrictMode>{opus ? <App opus={opus} pageStart={pageStart} /> : <MissingBridge />}</StrictMode>,
    ),
  );
}
