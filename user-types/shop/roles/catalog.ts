import { defineRoleModule } from "rolecraft/define";

/** Roles of the product catalog plugin. */
export default defineRoleModule({
  module: "catalog",
  roles: {
    CatalogReader: { bases: [], doc: "Can browse products and prices." },
    CatalogEditor: { bases: ["CatalogReader"], doc: "Can edit products, prices and categories." },
    CatalogStaff: { bases: ["CatalogEditor", "core.SiteStaff"], doc: "Configures the catalog: taxes, units, price lists." },
  },
});
