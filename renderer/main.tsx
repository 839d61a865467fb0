// Before anything else evaluates: the start's calls go out (see the module). A side-effect import,
// which import sorting leaves first.
import './early-calls.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app.tsx';
import { MissingBridge } from './components/missing-bridge.tsx';
import { earlyCalls, firstScreenReady } from './early-calls.ts';
import { opus } from './opus.ts';
import './styles/index.css';

const container = document.getElementById('root');
if (container) {
  void firstScreenReady(earlyCalls).then(() =>
    createRoot(container).render(
      <StrictMode>{opus ? <App opus={opus} early={earlyCalls} /> : <MissingBridge />}</StrictMode>,
    ),
  );
}
