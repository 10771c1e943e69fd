import type { ComponentChildren } from 'preact';
import { cartCount, useCart } from '../lib/cart';
import { navigate } from '../lib/router';
import { signOut, useSession } from '../lib/session';

/** Header (brand, navigation, cart, account), the page, and the footer. */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const session = useSession();
  const count = cartCount(useCart());
  const current = (href: string) =>
    (href === '/' ? path === '/' || path.startsWith('/products') : path.startsWith(href))
      ? ('page' as const)
      : undefined;
  const logOut = () => {
    signOut();
    navigate('/');
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          <span aria-hidden="true" class="brand-mark">
            ◆
          </span>{' '}
          Shop
        </a>
        <nav class="main-nav" aria-label="Main">
          <a href="/" aria-current={current('/')}>
            Catalog
          </a>
          {session && (
            <>
              <a href="/account/orders" aria-current={current('/account/orders')}>
                Orders
              </a>
              <a href="/account/notifications" aria-current={current('/account/notifications')}>
                Notifications
              </a>
            </>
          )}
          {session?.user.role === 'admin' && (
            <a href="/admin" aria-current={current('/admin')}>
              Admin
            </a>
          )}
        </nav>
        <div class="account-nav">
          <a
            class="cart-link"
            href="/cart"
            aria-describedby="cart-count"
            aria-current={current('/cart')}
          >
            <CartIcon /> Cart
            <span class="badge" aria-hidden="true">
              {count}
            </span>
          </a>
          <span id="cart-count" class="visually-hidden">
            {count === 1 ? '1 item' : `${count} items`}
          </span>
          {session ? (
            <>
              <a
                href="/account"
                class="who"
                aria-current={current('/account') && path === '/account' ? 'page' : undefined}
              >
                {session.user.name}
              </a>
              <button type="button" class="link-button" onClick={logOut}>
                Log out
              </button>
            </>
          ) : (
            <>
              <a href="/login">Log in</a>
              <a href="/signup" class="button small">
                Sign up
              </a>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>
          Shop is a reference e-commerce system. Prices in USD. Test cards only: no real payments.
        </p>
      </footer>
    </>
  );
}

function CartIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.7L20.5 8H6.2" />
      <circle cx="9.5" cy="19" r="1.5" />
      <circle cx="17" cy="19" r="1.5" />
    </svg>
  );
}
