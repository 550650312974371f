/** Entry point: the app state (session, slot, range, theme) around the router; the login until logged in. */
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { LoginPage } from './pages/LoginPage';
import { router } from './router';
import { AppStateProvider, useAppState } from './state/app-state';
import './styles.css';

function Gate(): ReactNode {
  const { session, sessionChecked } = useAppState();
  if (!sessionChecked) return <p className="muted boot">connecting…</p>;
  if (session === undefined) return <LoginPage />;
  return <RouterProvider router={router} />;
}

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <AppStateProvider>
      <Gate />
    </AppStateProvider>
  </StrictMode>,
);
