package com.xiaoneng.command.importing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** POST /api/import: an NDJSON body of case commands, read as it arrives (docs/IMPORT.md). */
@RestController
public class ImportController {
    private final CaseImport caseImport;

    public ImportController(CaseImport caseImport) {
        this.caseImport = caseImport;
    }

    @PostMapping(path = "/api/import", consumes = MediaType.APPLICATION_NDJSON_VALUE)
    public ImportReport importLines(HttpServletRequest request) throws IOException {
        try (InputStreamReader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            return caseImport.run(body);
        }
    }
}
