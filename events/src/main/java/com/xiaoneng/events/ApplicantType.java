package com.xiaoneng.events;

public enum ApplicantType {
    PERSON, ORGANIZATION
}
