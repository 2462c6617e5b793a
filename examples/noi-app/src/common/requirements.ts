/** Requirements shared by several plugins. */
import { loginRequired, type RequiredRoles } from "rolecraft/runtime";
import { ContactsUser } from "../../generated/roles/contacts.js";
import { SiteStaff, TicketsStaff, Triager } from "../roles.js";

/** Who manages tickets: a triager or tickets staff (an OR-group). */
export const ticketManagers = [Triager, TicketsStaff] as const;

/** Site staff only. */
export const staffOnly = loginRequired(SiteStaff);

/** Whoever works with contacts. */
export const contactsReaders = loginRequired(ContactsUser) satisfies RequiredRoles;
