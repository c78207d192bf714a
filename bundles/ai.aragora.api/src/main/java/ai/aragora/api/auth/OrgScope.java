package ai.aragora.api.auth;

/**
 * Whose records a listing shows: the operator (the admin principal) sees every org's, or one
 * org's when it asks for one; anyone else sees their own org's only, and nothing without an org.
 *
 * @param orgId the one org to show, or null for every org
 * @param none true when nothing may be shown
 */
public record OrgScope(String orgId, boolean none) {

    private static final OrgScope EVERY_ORG = new OrgScope(null, false);
    private static final OrgScope NOTHING = new OrgScope(null, true);

    /**
     * @param requested the org the caller asked to list ({@code ?org=}), null or blank for no filter
     */
    public static OrgScope of(AuthPrincipal principal, String requested) {
        String filter = requested == null || requested.isBlank() ? null : requested;
        if (principal.kind() == AuthPrincipal.Kind.ADMIN) {
            return filter == null ? EVERY_ORG : new OrgScope(filter, false);
        }
        String own = principal.orgId();
        if (own == null || (filter != null && !filter.equals(own))) {
            return NOTHING;
        }
        return new OrgScope(own, false);
    }

    /** True when every org's records are shown. */
    public boolean everyOrg() {
        return orgId == null && !none;
    }
}
