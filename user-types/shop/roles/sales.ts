import { defineRoleModule } from "rolecraft/define";

/** Roles of the sales plugin. */
export default defineRoleModule({
  module: "sales",
  include: ["./catalog.ts"],
  roles: {
    OrdersReader: { bases: [], doc: "Can see orders." },
    Cashier: { bases: ["OrdersReader", "catalog.CatalogReader"], doc: "Takes payments and prints receipts." },
    SalesManager: { bases: ["Cashier", "catalog.CatalogEditor"], doc: "Manages orders, refunds and discounts." },
  },
});
