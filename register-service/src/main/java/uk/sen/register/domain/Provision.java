package uk.sen.register.domain;

/** Census SEN provision codes. N is the absence of an open provision; S, A and P come only from old records. */
public enum Provision {
    N("No special educational need"),
    K("SEN support"),
    E("Education, health and care plan"),
    S("Statement (legacy)"),
    A("School Action (legacy)"),
    P("School Action Plus (legacy)");

    public final String meaning;

    Provision(String meaning) {
        this.meaning = meaning;
    }

    public boolean isLegacy() {
        return this == S || this == A || this == P;
    }
}
