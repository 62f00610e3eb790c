package com.xiaoneng.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * {@code xiaoneng.http.*}: the cap on every request body ({@code max-body}, 64 KiB: the largest case step
 * within the contract's bounds is about 31 KB), a larger one for file uploads at {@code upload-paths}
 * (a path and everything under it), and {@code streamed-paths} that read their body line by line and limit
 * each line themselves.
 */
@ConfigurationProperties("xiaoneng.http")
public record HttpLimits(@DefaultValue("64KB") DataSize maxBody, @DefaultValue("16MB") DataSize maxUpload,
                         @DefaultValue List<String> uploadPaths, @DefaultValue List<String> streamedPaths) {

    long limitFor(String path) {
        boolean upload = uploadPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
        return (upload ? maxUpload : maxBody).toBytes();
    }
}
