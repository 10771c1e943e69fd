import type { Product } from '../../lib/api';
import { Field, fieldErrors, TextArea } from '../../components/form';

/** Name, description, category and price (in dollars): create and edit share these fields. */
export function ProductFields({ product, error }: { product?: Product; error: Error | undefined }) {
  const errors = fieldErrors(error);
  return (
    <>
      <Field
        label="Name"
        name="name"
        required
        maxLength={200}
        defaultValue={product?.name}
        error={errors.name}
      />
      <TextArea
        label="Description"
        name="description"
        required
        value={product?.description}
        error={errors.description}
      />
      <Field
        label="Category"
        name="category"
        required
        defaultValue={product?.category}
        error={errors.category}
      />
      <Field
        label="Price"
        name="price"
        type="number"
        min={0.01}
        step={0.01}
        required
        inputMode="decimal"
        defaultValue={product ? (product.price / 100).toFixed(2) : undefined}
        error={errors.price}
      />
    </>
  );
}
