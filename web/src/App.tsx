import { useEffect, useRef } from 'react';
import { useMutation } from 'urql';
import { itemCount } from './cart';
import { SignOutMutation } from './documents';
import { AdminOrdersPage } from './pages/AdminOrders';
import { AdminProductEditPage, AdminProductsPage } from './pages/AdminProducts';
import { CartPage } from './pages/Cart';
import { CatalogPage } from './pages/Catalog';
import { OrdersPage } from './pages/Orders';
import { ProductPage } from './pages/Product';
import { SignInPage } from './pages/SignIn';
import { Link, navigate, useLocation } from './router';
import { useCart, useSession } from './state';

function Page({ path }: { path: string }) {
  if (path === '/') return <CatalogPage />;
  if (path === '/signin') return <SignInPage mode="signin" />;
  if (path === '/register') return <SignInPage mode="register" />;
  if (path === '/cart') return <CartPage />;
  if (path === '/orders') return <OrdersPage />;
  if (path === '/admin' || path === '/admin/products') return <AdminProductsPage />;
  if (path === '/admin/products/new') return <AdminProductEditPage id={null} />;
  if (path === '/admin/orders') return <AdminOrdersPage />;
  const product = /^\/products\/([^/]+)$/.exec(path);
  if (product) return <ProductPage id={decodeURIComponent(product[1]!)} />;
  const edit = /^\/admin\/products\/([^/]+)$/.exec(path);
  if (edit) return <AdminProductEditPage id={decodeURIComponent(edit[1]!)} />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the catalog</Link>
      </p>
    </section>
  );
}

function Header() {
  const { session, signOut } = useSession();
  const { cart } = useCart();
  const [, logout] = useMutation(SignOutMutation);
  const count = itemCount(cart);
  const admin = session?.user.role === 'ADMIN';
  const onSignOut = async () => {
    await logout({}); // ends the session on the server too; the token stops working
    signOut();
    navigate('/');
  };
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        Shopgraph
      </Link>
      <nav aria-label="Main">
        <ul>
          <li>
            <Link to="/">Catalog</Link>
          </li>
          <li>
            <Link to="/cart" aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}>
              Cart <span className="badge">{count}</span>
            </Link>
          </li>
          {session && (
            <li>
              <Link to="/orders">My orders</Link>
            </li>
          )}
          {admin && (
            <>
              <li>
                <Link to="/admin/products">Manage products</Link>
              </li>
              <li>
                <Link to="/admin/orders">Manage orders</Link>
              </li>
            </>
          )}
          <li>
            {session ? (
              <button type="button" className="link-button" onClick={() => void onSignOut()} title={session.user.email}>
                Sign out
              </button>
            ) : (
              <Link to="/signin">Sign in</Link>
            )}
          </li>
        </ul>
      </nav>
    </header>
  );
}

export function App() {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a client-side navigation, move focus to the new page (as a page load would).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <Page path={path} />
      </main>
      <footer className="site-footer">
        <p>
          {/* The Sandbox opens in a tab of its own, with no opener: that tab starts with an empty
              sessionStorage, so Apollo's script there cannot read this tab's token. */}
          Shopgraph storefront · API at{' '}
          <a href="/graphql" target="_blank" rel="noopener noreferrer">
            /graphql
          </a>{' '}
          and <a href="/api/docs">/api</a>
        </p>
      </footer>
    </>
  );
}
