import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app.tsx';
import { MissingBridge } from './components/missing-bridge.tsx';
import { opus } from './opus.ts';
import './styles/index.css';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(<StrictMode>{opus ? <App opus={opus} /> : <MissingBridge />}</StrictMode>);
}
