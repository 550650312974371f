/** Unknown UI paths. */
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export function NotFoundPage(): ReactNode {
  return <div className="page"><h1>Not found</h1><p>This page does not exist. <Link to="/">Dashboard</Link></p></div>;
}
