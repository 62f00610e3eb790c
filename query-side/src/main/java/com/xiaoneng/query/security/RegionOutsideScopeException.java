package com.xiaoneng.query.security;

/** A region was asked for that is not in the caller's subtree (403). */
public class RegionOutsideScopeException extends RuntimeException {
    public RegionOutsideScopeException(String region, String scope) {
        super("region " + region + " is outside your scope " + scope);
    }
}
