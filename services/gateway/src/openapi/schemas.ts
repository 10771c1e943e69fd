import { z } from 'zod';

const id = z.uuid();
const timestamp = z.iso.datetime();
const cents = z.int().min(0).describe('integer cents');
const usd = z.literal('USD');
const role = z.enum(['customer', 'admin']);

const FieldProblem = z.object({ field: z.string(), message: z.string() });
const Problem = z
  .object({
    type: z.url(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.array(FieldProblem).optional().describe('field problems of a 400'),
  })
  .describe('RFC 9457 problem details');

const User = z.object({ id, name: z.string(), email: z.email(), role });
const Me = User.extend({ createdAt: timestamp });
const SignupRequest = z.object({
  name: z.string().min(1),
  email: z.email(),
  password: z.string().min(8),
});
const LoginRequest = z.object({ email: z.email(), password: z.string().min(1) });
const AuthResult = z.object({ user: User, token: z.string().describe('RS256 JWT, valid 1 h') });
const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

const productFields = {
  name: z.string().min(1),
  description: z.string(),
  category: z.string().min(1),
  price: cents,
};
const Product = z.object({
  id,
  ...productFields,
  currency: usd,
  stock: z.int().describe('eventually consistent with inventory'),
  inStock: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const page = { total: z.int().min(0), page: z.int().min(1), pageSize: z.int().min(1).max(100) };
const ProductPage = z.object({ items: z.array(Product), ...page });
const CreateProduct = z.object({ ...productFields, initialStock: z.int().min(0) });
const UpdateProduct = z.object(productFields).partial();
const Stock = z.object({ productId: id, available: z.int(), reserved: z.int() });
const Restock = z.object({ quantity: z.int().positive() });

const OrderItem = z.object({
  productId: id,
  name: z.string(),
  unitPrice: cents,
  quantity: z.int(),
});
const Order = z.object({
  id,
  userId: id,
  status: z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']),
  items: z.array(OrderItem),
  total: cents,
  currency: usd,
  failureReason: z.enum(['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'TIMEOUT']).optional(),
  steps: z.array(z.object({ name: z.string(), status: z.string(), at: timestamp })),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const CreateOrder = z.object({
  items: z.array(z.object({ productId: id, quantity: z.int().min(1) })).min(1),
  payment: z.object({
    token: z.string().describe('tok_visa approves, tok_chargeDeclined declines'),
  }),
});
const OrderPage = z.object({ items: z.array(Order), ...page });
const NotificationList = z.object({
  items: z.array(
    z.object({
      id,
      kind: z.string(),
      subject: z.string(),
      to: z.email(),
      orderId: id.optional(),
      createdAt: timestamp,
    }),
  ),
});
const Dashboard = z.object({
  user: Me,
  recentOrders: z.array(Order).max(5),
  recommendations: z.array(Product).max(4),
  degraded: z
    .array(z.enum(['recentOrders', 'recommendations']))
    .describe('parts that failed or took too long; each is empty in this answer'),
});
const AnalyticsSummary = z.object({
  orders: z.object({ total: z.int(), confirmed: z.int(), cancelled: z.int() }),
  revenue: cents,
  topProducts: z.array(z.object({ productId: id, quantity: z.int() })),
});

/** Every named schema of the public API, as it appears under `components.schemas`. */
export const SCHEMAS = {
  Problem,
  FieldProblem,
  User,
  Me,
  SignupRequest,
  LoginRequest,
  AuthResult,
  Jwks,
  Product,
  ProductPage,
  CreateProduct,
  UpdateProduct,
  Stock,
  Restock,
  OrderItem,
  Order,
  CreateOrder,
  OrderPage,
  NotificationList,
  Dashboard,
  AnalyticsSummary,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

/** JSON Schema 2020-12 (the dialect of OpenAPI 3.1) of every named schema, cross-referenced. */
export function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (name) => `#/components/schemas/${name}`,
    override: ({ jsonSchema }) => {
      if (jsonSchema.format) delete jsonSchema.pattern;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      delete jsonSchema.additionalProperties;
    },
  });
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}
