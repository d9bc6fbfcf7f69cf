package dev.tollgate.model;

/** What a throttling policy counts, with WSO2's REST spelling. */
public enum QuotaType {
    REQUEST_COUNT("REQUESTCOUNTLIMIT"),
    EVENT_COUNT("EVENTCOUNTLIMIT"),
    BANDWIDTH("BANDWIDTHLIMIT"),
    UNLIMITED("REQUESTCOUNTLIMIT");

    private final String wso2Type;

    QuotaType(String wso2Type) {
        this.wso2Type = wso2Type;
    }

    public String wso2Type() {
        return wso2Type;
    }
}
