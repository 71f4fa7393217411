import rules

from accounts.predicates import is_site_admin

rules.add_perm("accounts.manage_roles", is_site_admin)
rules.add_perm("accounts.verify_agency_representative", is_site_admin)
rules.add_perm("accounts.view_audit_log", is_site_admin)
rules.add_perm("accounts.export_personal_data_of_others", is_site_admin)
