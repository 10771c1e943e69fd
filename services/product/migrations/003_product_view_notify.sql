-- Every change to the read model is announced on commit (NOTIFY), so each product process can
-- keep product reads in memory and drop exactly what changed (src/query/product-cache.ts).
CREATE OR REPLACE FUNCTION product_view_notify() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('product_view_changed', '*');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('product_view_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
  ELSE
    PERFORM pg_notify('product_view_changed', to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER product_view_changed AFTER INSERT OR UPDATE OR DELETE ON product_view
  FOR EACH ROW EXECUTE FUNCTION product_view_notify('id');
CREATE TRIGGER product_view_stock_changed AFTER INSERT OR UPDATE OR DELETE ON product_view_stock
  FOR EACH ROW EXECUTE FUNCTION product_view_notify('product_id');
CREATE TRIGGER product_view_truncated AFTER TRUNCATE ON product_view
  FOR EACH STATEMENT EXECUTE FUNCTION product_view_notify('*');
CREATE TRIGGER product_view_stock_truncated AFTER TRUNCATE ON product_view_stock
  FOR EACH STATEMENT EXECUTE FUNCTION product_view_notify('*');
