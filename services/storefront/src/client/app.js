/* global document, fetch, sessionStorage, URLSearchParams, FormData, crypto, setTimeout */
'use strict';

const TOKEN_KEY = 'shop.token';
const PAGE_SIZE = 12;
const catalog = { q: '', category: '', page: 1 };
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const $ = (id) => document.getElementById(id);

/** Calls the API; a problem+json answer becomes an Error with its detail and field errors. */
async function api(path, { method = 'GET', body, auth = false, headers: extra = {} } = {}) {
  const headers = { accept: 'application/json', ...extra };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (body) headers['content-type'] = 'application/json';
  if (auth && token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(problemText(data, res.status));
  return data;
}

function problemText(problem, status) {
  const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`);
  return [problem.detail || `request failed (${status})`, ...fields].join('; ');
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setStatus(id, text, isError = false) {
  $(id).textContent = text;
  $(id).classList.toggle('error', isError);
}

function productCard(product) {
  const card = el('article', 'product');
  const footer = el('div', 'product-footer');
  const stock = product.inStock ? `${product.stock} in stock` : 'Out of stock';
  footer.append(
    el('span', 'price', money.format(product.price / 100)),
    el('span', product.inStock ? 'stock' : 'stock out', stock),
  );
  const buy = el('button', 'buy', 'Buy one');
  buy.type = 'button';
  buy.disabled = !product.inStock;
  buy.addEventListener('click', () => placeOrder(product));
  card.append(
    el('h3', '', product.name),
    el('p', 'category', product.category),
    el('p', 'description', product.description),
    footer,
    buy,
  );
  return card;
}

function renderProducts({ items, total, page, pageSize }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  $('products').replaceChildren(...items.map(productCard));
  $('page-info').textContent = `Page ${page} of ${pages} · ${total} products`;
  $('prev').disabled = page <= 1;
  $('next').disabled = page >= pages;
}

async function loadProducts() {
  const params = new URLSearchParams({ page: String(catalog.page), pageSize: String(PAGE_SIZE) });
  if (catalog.q) params.set('q', catalog.q);
  if (catalog.category) params.set('category', catalog.category);
  setStatus('catalog-status', 'Loading…');
  try {
    const page = await api(`/api/products?${params}`);
    renderProducts(page);
    setStatus('catalog-status', page.total === 0 ? 'No products match.' : '');
  } catch (err) {
    setStatus('catalog-status', err.message, true);
  }
}

async function loadCategories() {
  try {
    const { items } = await api('/api/products?pageSize=100');
    const categories = [...new Set(items.map((p) => p.category))].sort();
    $('category').append(
      ...categories.map((category) => {
        const option = el('option', '', category);
        option.value = category;
        return option;
      }),
    );
  } catch (err) {
    setStatus('catalog-status', `Categories unavailable: ${err.message}`, true);
  }
}

/** Places an order of one unit (test card tok_visa) and follows it to its final state. */
async function placeOrder(product) {
  if (!sessionStorage.getItem(TOKEN_KEY)) return setStatus('auth-status', 'Log in to buy.', true);
  setStatus('order-status', `Ordering ${product.name}…`);
  try {
    const order = await api('/api/orders', {
      method: 'POST',
      auth: true,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { items: [{ productId: product.id, quantity: 1 }], payment: { token: 'tok_visa' } },
    });
    const final = await untilFinal(order.id);
    const reason = final.failureReason ? ` (${final.failureReason})` : '';
    setStatus('order-status', `Order for ${product.name}: ${final.status}${reason}`);
  } catch (err) {
    setStatus('order-status', err.message, true);
  }
  loadOrders();
  loadProducts();
}

async function untilFinal(id, deadline = Date.now() + 15000) {
  const order = await api(`/api/orders/${id}`, { auth: true });
  if (order.status !== 'PENDING' || Date.now() > deadline) return order;
  await new Promise((resolve) => setTimeout(resolve, 250));
  return untilFinal(id, deadline);
}

async function loadOrders() {
  try {
    const { items } = await api('/api/orders?pageSize=5', { auth: true });
    $('order-list').replaceChildren(
      ...items.map((o) => {
        const names = o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');
        return el(
          'li',
          `order ${o.status.toLowerCase()}`,
          `${names}: ${money.format(o.total / 100)} · ${o.status}`,
        );
      }),
    );
  } catch (err) {
    setStatus('order-status', err.message, true);
  }
}

function showUser(user) {
  $('orders').hidden = !user;
  if (user) loadOrders();
  $('signed-in').hidden = !user;
  $('signed-out').hidden = Boolean(user);
  $('who').textContent = user ? `${user.email}${user.role === 'admin' ? ' (admin)' : ''}` : '';
}

async function restoreSession() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return showUser(null);
  try {
    showUser(await api('/api/users/me', { auth: true }));
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    showUser(null);
  }
}

function handleAuthForm(form, path) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    setStatus('auth-status', '');
    try {
      const body = Object.fromEntries(new FormData(form));
      const { token, user } = await api(path, { method: 'POST', body });
      sessionStorage.setItem(TOKEN_KEY, token);
      form.reset();
      showUser(user);
    } catch (err) {
      setStatus('auth-status', err.message, true);
    }
  });
}

function wireCatalog() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(catalog, { q: $('q').value.trim(), category: $('category').value, page: 1 });
    loadProducts();
  });
  $('category').addEventListener('change', () => $('search-form').requestSubmit());
  $('prev').addEventListener('click', () => {
    catalog.page -= 1;
    loadProducts();
  });
  $('next').addEventListener('click', () => {
    catalog.page += 1;
    loadProducts();
  });
}

function start() {
  handleAuthForm($('login-form'), '/api/auth/login');
  handleAuthForm($('signup-form'), '/api/auth/signup');
  $('logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showUser(null);
  });
  wireCatalog();
  restoreSession();
  loadCategories();
  loadProducts();
}

start();
