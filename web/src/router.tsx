/**
 * The typed routes (TanStack Router, code-based): dashboard, module pages, IP, MAC, connection, settings, upload, capture.
 * Search parameters are validated here so pages read typed `tab`/`filter` values.
 */
import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { Layout } from './components/Layout';
import { CapturePage } from './pages/CapturePage';
import { ConnectionPage } from './pages/ConnectionPage';
import { DashboardPage } from './pages/DashboardPage';
import { IpPage } from './pages/IpPage';
import { MacPage } from './pages/MacPage';
import { ModulePage } from './pages/ModulePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { UploadPage } from './pages/UploadPage';

interface TabSearch { tab?: string }
interface ModuleSearch extends TabSearch { filter?: string }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const tabSearch = (s: Record<string, unknown>): TabSearch => {
  const tab = str(s.tab);
  return tab === undefined ? {} : { tab };
};
const moduleSearch = (s: Record<string, unknown>): ModuleSearch => {
  const filter = str(s.filter);
  return { ...tabSearch(s), ...(filter === undefined ? {} : { filter }) };
};

const rootRoute = createRootRoute({ component: Layout, notFoundComponent: NotFoundPage });
const dashboard = createRoute({ getParentRoute: () => rootRoute, path: '/', component: DashboardPage });
const modulePage = createRoute({ getParentRoute: () => rootRoute, path: '/modules/$module', component: ModulePage, validateSearch: moduleSearch });
const ipPage = createRoute({ getParentRoute: () => rootRoute, path: '/ip/$ip', component: IpPage, validateSearch: tabSearch });
const macPage = createRoute({ getParentRoute: () => rootRoute, path: '/mac/$mac', component: MacPage, validateSearch: tabSearch });
const connectionPage = createRoute({ getParentRoute: () => rootRoute, path: '/connection/$id', component: ConnectionPage });
const settingsPage = createRoute({ getParentRoute: () => rootRoute, path: '/settings', component: SettingsPage });

const uploadPage = createRoute({ getParentRoute: () => rootRoute, path: '/upload', component: UploadPage });

const capturePage = createRoute({ getParentRoute: () => rootRoute, path: '/capture', component: CapturePage });

const routeTree = rootRoute.addChildren([dashboard, modulePage, ipPage, macPage, connectionPage, settingsPage, uploadPage, capturePage]);

export const router = createRouter({ routeTree, defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
