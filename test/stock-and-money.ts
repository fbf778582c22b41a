/**
 * Orders whose stock and money disagree (docs/decisions/032): a cancelled order with money kept or
 * still awaited, an order still holding stock whose payment is closed, or goods packed or sent for
 * an unpaid order. Plain SQL so the vitest checks (test/payment-fixtures.ts) and the e2e specs,
 * which reach the database with their own client, run the same rule. Should return no rows.
 */
export const STOCK_AND_MONEY_DISAGREE = `
  select o.id, o.status, p.status as payment from orders o join payments p on p.order_id = o.id
  where (o.status = 'cancelled' and p.status in ('awaiting', 'paid'))
     or (o.status <> 'cancelled' and p.status in ('failed', 'expired', 'cancelled'))
     or (o.status in ('packed', 'shipped', 'delivered') and p.status = 'awaiting')`;
