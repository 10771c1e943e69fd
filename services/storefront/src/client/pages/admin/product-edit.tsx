import { useState } from 'preact/hooks';
import { api, type Product } from '../../lib/api';
import { centsOf, money } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';
import { Field, fieldErrors, FormProblem, Status, useSubmit } from '../../components/form';
import { AdminNav } from './nav';
import { ProductFields } from './product-form';

interface Stock {
  readonly productId: string;
  readonly available: number;
  readonly reserved: number;
}

/** Admin: change a product's details and price; see and restock its inventory. */
export function AdminProductPage({ id, session }: { id: string; session: Session }) {
  const [product] = useLoad(id, () => api<Product>(`/api/products/${encodeURIComponent(id)}`));
  return (
    <>
      <AdminNav current="" />
      {product.state === 'loading' && <p class="muted">Loading…</p>}
      {product.state === 'failed' && (
        <p class="form-error" role="alert">
          {product.error.message}
        </p>
      )}
      {product.state === 'ready' && (
        <>
          <h1>{product.value.name}</h1>
          <p>
            <a href={`/products/${id}`}>View in the shop</a> · <a href="/admin">All products</a>
          </p>
          <div class="admin-columns">
            <EditProduct product={product.value} session={session} />
            <StockPanel id={id} session={session} />
          </div>
        </>
      )}
    </>
  );
}

function EditProduct({ product, session }: { product: Product; session: Session }) {
  const [saved, setSaved] = useState<Product | undefined>();
  const { onSubmit, error, busy } = useSubmit(async (fields) => {
    const body = {
      name: fields.name,
      description: fields.description,
      category: fields.category?.trim().toLowerCase(),
      price: centsOf(fields.price ?? ''),
    };
    setSaved(
      await api<Product>(`/api/products/${product.id}`, {
        method: 'PATCH',
        token: session.token,
        body,
      }),
    );
  });
  return (
    <section aria-labelledby="details" class="panel">
      <h2 id="details">Details</h2>
      <form class="stack" onSubmit={onSubmit}>
        <ProductFields product={saved ?? product} error={error} />
        <FormProblem error={error} />
        <button type="submit" disabled={busy}>
          Save changes
        </button>
      </form>
      <Status>{saved ? `Saved: ${saved.name} at ${money(saved.price)}.` : ''}</Status>
    </section>
  );
}

function StockPanel({ id, session }: { id: string; session: Session }) {
  const [stock, reload] = useLoad(`stock-${id}`, () =>
    api<Stock>(`/api/inventory/${id}`, { token: session.token }),
  );
  const { onSubmit, error, busy } = useSubmit(async (fields) => {
    const quantity = Number(fields.quantity);
    await api<Stock>(`/api/inventory/${id}/restock`, {
      method: 'POST',
      token: session.token,
      body: { quantity },
    });
    reload();
  });
  return (
    <section aria-labelledby="stock" class="panel">
      <h2 id="stock">Stock</h2>
      {stock.state === 'failed' && (
        <p class="form-error" role="alert">
          {stock.error.message}
        </p>
      )}
      {stock.state === 'ready' && (
        <dl class="figures">
          <div>
            <dt>Available</dt>
            <dd class="available">{stock.value.available}</dd>
          </div>
          <div>
            <dt>Reserved</dt>
            <dd>{stock.value.reserved}</dd>
          </div>
        </dl>
      )}
      <form class="stack" onSubmit={onSubmit}>
        <Field
          label="Units to add"
          name="quantity"
          type="number"
          min={1}
          step={1}
          required
          error={fieldErrors(error).quantity}
        />
        <FormProblem error={error} />
        <button type="submit" disabled={busy}>
          Restock
        </button>
      </form>
    </section>
  );
}
