import { defineRoleModule } from "rolecraft/define";

/**
 * The user types module of a small shop, written in TypeScript: the same
 * shape as a YAML role module, typed by `defineRoleModule`.
 */
export default defineRoleModule({
  module: "shop",
  include: ["./roles/sales.ts", "./roles/catalog.ts"],
  imports: [
    "core.SiteUser",
    "core.SiteAdmin",
    "catalog.CatalogReader",
    "catalog.CatalogEditor",
    "sales.Cashier",
    { role: "sales.SalesManager", as: "Manager" },
  ],
  roles: {
    Visitor: { bases: ["core.Anonymous", "catalog.CatalogReader"], doc: "Somebody browsing the shop without signing in." },
    // Cashier before SiteUser: ShopManager also inherits CatalogStaff, whose MRO puts
    // SiteStaff (a SiteUser) after the catalog roles; the other order has no consistent MRO.
    Clerk: { bases: ["sales.Cashier", "core.SiteUser"], doc: "Works at the counter." },
    ShopManager: { bases: ["Clerk", "Manager", "catalog.CatalogStaff"], doc: "Runs the shop." },
    ShopAdmin: { bases: ["core.SiteAdmin", "ShopManager"], doc: "Configures everything." },
  },
  userTypes: [
    { value: "000", names: "anonymous", text: "Visitor", role: "Visitor", readonly: true, attributes: { authenticated: false } },
    { value: "100", names: "clerk", text: "Clerk", role: "Clerk" },
    { value: "150", names: "auditor", text: "Auditor", role: "Clerk", readonly: true },
    { value: "200", names: "manager", text: "Shop manager", role: "ShopManager", hiddenLanguages: "fr" },
    { value: "900", names: "admin", text: "Administrator", role: "ShopAdmin" },
  ],
});
