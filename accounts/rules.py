import rules

from accounts.predicates import holds_staff_role, is_site_admin

rules.add_perm("accounts.manage_roles", is_site_admin)
rules.add_perm("accounts.verify_agency_representative", is_site_admin)
rules.add_perm("accounts.view_audit_log", is_site_admin)
rules.add_perm("accounts.export_personal_data_of_others", is_site_admin)

# Drafters and moderators work in the Wagtail admin like editors and reviewers (whose groups
# hold this permission); what they see there is decided per view and menu item by the rules.
rules.add_perm("wagtailadmin.access_admin", holds_staff_role)
