export const LOW_STOCK = 5;

/** In stock, only a few left, or out of stock: text, not colour alone. */
export function StockState({ stock }: { stock: number }) {
  if (stock < 1) return <p className="stock stock-out">Out of stock</p>;
  if (stock <= LOW_STOCK) return <p className="stock stock-low">Only {stock} left</p>;
  return <p className="stock stock-in">In stock</p>;
}
