import { render } from 'preact';
import './style.css';
import { Layout } from './components/layout';
import { interceptLinks, match, useLocation, type Location } from './lib/router';
import { useSession, type Session } from './lib/session';
import { CatalogPage } from './pages/catalog';
import { ProductPage } from './pages/product';
import { CartPage } from './pages/cart';
import { CheckoutPage } from './pages/checkout';
import { OrderPage } from './pages/order';
import { LoginPage, SignupPage } from './pages/auth';
import { DashboardPage } from './pages/account/dashboard';
import { OrdersPage } from './pages/account/orders';
import { NotificationsPage } from './pages/account/notifications';
import { AdminProductsPage } from './pages/admin/products';
import { AdminProductPage } from './pages/admin/product-edit';
import { AnalyticsPage } from './pages/admin/analytics';

/** Pages for a signed-in customer; an admin's pages also need the admin role. */
type Guard = 'anyone' | 'user' | 'admin';

interface Route {
  readonly pattern: string;
  readonly title: string;
  readonly guard: Guard;
  page(ctx: {
    params: Record<string, string>;
    location: Location;
    session: Session | null;
  }): preact.JSX.Element;
}

const s = (session: Session | null) => session!;

const ROUTES: readonly Route[] = [
  {
    pattern: '/',
    title: 'Catalog',
    guard: 'anyone',
    page: ({ location }) => <CatalogPage location={location} />,
  },
  {
    pattern: '/products/:id',
    title: 'Product',
    guard: 'anyone',
    page: ({ params }) => <ProductPage id={params.id!} />,
  },
  { pattern: '/cart', title: 'Cart', guard: 'anyone', page: () => <CartPage /> },
  { pattern: '/checkout', title: 'Checkout', guard: 'anyone', page: () => <CheckoutPage /> },
  {
    pattern: '/orders/:id',
    title: 'Order',
    guard: 'anyone',
    page: ({ params }) => <OrderPage id={params.id!} />,
  },
  {
    pattern: '/login',
    title: 'Log in',
    guard: 'anyone',
    page: ({ location }) => <LoginPage location={location} />,
  },
  {
    pattern: '/signup',
    title: 'Sign up',
    guard: 'anyone',
    page: ({ location }) => <SignupPage location={location} />,
  },
  {
    pattern: '/account',
    title: 'Your account',
    guard: 'user',
    page: ({ session }) => <DashboardPage session={s(session)} />,
  },
  {
    pattern: '/account/orders',
    title: 'Orders',
    guard: 'user',
    page: ({ session }) => <OrdersPage session={s(session)} />,
  },
  {
    pattern: '/account/notifications',
    title: 'Notifications',
    guard: 'user',
    page: ({ session }) => <NotificationsPage session={s(session)} />,
  },
  {
    pattern: '/admin',
    title: 'Admin: products',
    guard: 'admin',
    page: ({ session }) => <AdminProductsPage session={s(session)} />,
  },
  {
    pattern: '/admin/products/:id',
    title: 'Admin: product',
    guard: 'admin',
    page: ({ params, session }) => <AdminProductPage id={params.id!} session={s(session)} />,
  },
  {
    pattern: '/admin/analytics',
    title: 'Analytics',
    guard: 'admin',
    page: ({ session }) => <AnalyticsPage session={s(session)} />,
  },
];

function App() {
  const location = useLocation();
  const session = useSession();
  return <Layout path={location.path}>{pageFor(location, session)}</Layout>;
}

function pageFor(location: Location, session: Session | null) {
  for (const route of ROUTES) {
    const params = match(route.pattern, location.path);
    if (!params) continue;
    document.title = `${route.title} · Shop`;
    if (route.guard !== 'anyone' && !session) return <SignInFirst path={location.path} />;
    if (route.guard === 'admin' && session?.user.role !== 'admin') return <NotAllowed />;
    return route.page({ params, location, session });
  }
  document.title = 'Not found · Shop';
  return (
    <section class="narrow">
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to the catalog</a>
      </p>
    </section>
  );
}

function SignInFirst({ path }: { path: string }) {
  const next = encodeURIComponent(path);
  return (
    <section class="narrow">
      <h1>Please sign in</h1>
      <p>
        <a href={`/login?next=${next}`}>Log in</a> or <a href={`/signup?next=${next}`}>Sign up</a>{' '}
        to see this page.
      </p>
    </section>
  );
}

function NotAllowed() {
  return (
    <section class="narrow">
      <h1>Admins only</h1>
      <p>
        This page is for the shop's administrators. <a href="/">Back to the catalog</a>
      </p>
    </section>
  );
}

const root = document.getElementById('app')!;
interceptLinks(root);
render(<App />, root);
