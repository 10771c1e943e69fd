import { api, catalogPath, type Page, type Product } from '../../lib/api';
import { centsOf, money, titleCase } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';
import { Field, fieldErrors, FormProblem, Status, useSubmit } from '../../components/form';
import { AdminNav } from './nav';
import { ProductFields } from './product-form';
import { useState } from 'preact/hooks';

/** Admin: every product (links to edit and stock) and the form that creates one. */
export function AdminProductsPage({ session }: { session: Session }) {
  const path = catalogPath({ pageSize: 100 });
  const [products, reload] = useLoad(path, () => api<Page<Product>>(path));
  const [created, setCreated] = useState<Product | undefined>();
  const { onSubmit, error, busy } = useSubmit(async (fields) => {
    const product = await api<Product>('/api/products', {
      method: 'POST',
      token: session.token,
      body: {
        name: fields.name,
        description: fields.description,
        category: fields.category?.trim().toLowerCase(),
        price: centsOf(fields.price ?? ''),
        initialStock: Number(fields.initialStock),
      },
    });
    setCreated(product);
    reload();
  });
  return (
    <>
      <AdminNav current="/admin" />
      <h1>Products</h1>
      <div class="admin-columns">
        <section aria-labelledby="new-product" class="panel">
          <h2 id="new-product">New product</h2>
          <form class="stack" onSubmit={onSubmit} key={created?.id}>
            <ProductFields error={error} />
            <Field
              label="Stock"
              name="initialStock"
              type="number"
              min={0}
              step={1}
              required
              defaultValue="10"
              error={fieldErrors(error).initialStock}
            />
            <FormProblem error={error} />
            <button type="submit" disabled={busy}>
              Create product
            </button>
          </form>
          <Status>
            {created && (
              <>
                Created <a href={`/admin/products/${created.id}`}>{created.name}</a>.
              </>
            )}
          </Status>
        </section>
        <section aria-labelledby="all-products">
          <h2 id="all-products">Catalog</h2>
          {products.state === 'failed' && (
            <p class="form-error" role="alert">
              {products.error.message}
            </p>
          )}
          {products.state === 'ready' && <ProductTable products={products.value.items} />}
        </section>
      </div>
    </>
  );
}

function ProductTable({ products }: { products: readonly Product[] }) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/admin/products/${p.id}`}>{p.name}</a>
              </td>
              <td>{titleCase(p.category)}</td>
              <td>{money(p.price)}</td>
              <td>{p.stock}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
