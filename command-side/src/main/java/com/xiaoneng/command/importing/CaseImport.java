package com.xiaoneng.command.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.cases.AutomaticSteps;
import com.xiaoneng.command.cases.CaseCommands.SubmitCase;
import com.xiaoneng.command.cases.CaseException;
import com.xiaoneng.command.cases.CaseRules;
import com.xiaoneng.command.cases.ServiceCase;
import com.xiaoneng.command.catalog.CatalogSnapshot;
import com.xiaoneng.command.security.CaseAccess;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies an import file's lines in order, in batches: each line's command goes through the command bus
 * (the same handlers, scope check and interceptors as REST), and each batch runs in one unit of work and
 * one database transaction, so its events are appended together and a case's aggregate stays loaded from
 * one line to the next. A line the case's rules refuse throws before it applies anything (the aggregate
 * checks, then applies), so it is reported and the batch goes on; should a refused line have applied
 * something, or the batch fail to commit, the batch is rolled back and redone one line per transaction.
 * <p>
 * Automatic steps are deferred while the lines are applied: each batch records, in its own transaction,
 * what every case it touched still waits for; at the end of the import those steps are scheduled (a
 * passed deadline after the late-fact grace). Rows an import that died left behind are scheduled when the
 * application starts, so no step is lost.
 */
@Component
public class CaseImport {
    private static final Logger LOG = LoggerFactory.getLogger(CaseImport.class);
    static final int MAX_LINE_CHARS = 64 * 1024;
    private static final int DECIDE_CHUNK = 5_000;
    private static final int DECIDE_THREADS = 4;

    private final Configuration axon;
    private final TransactionManager transactions;
    private final TransactionTemplate transaction;
    private final ImportStore store;
    private final CommandGateway commands;
    private final CaseRules rules;
    private final AutomaticSteps automaticSteps;
    private final ObjectMapper json;
    private final int batchSize;
    private final int listedRejections;
    private volatile Repository<ServiceCase> repository;

    public CaseImport(Configuration axon, TransactionManager transactions, TransactionTemplate transaction,
                      ImportStore store, CommandGateway commands, CaseRules rules,
                      AutomaticSteps automaticSteps, ObjectMapper json,
                      @Value("${xiaoneng.import.batch-size:1000}") int batchSize,
                      @Value("${xiaoneng.import.listed-rejections:1000}") int listedRejections) {
        this.axon = axon;
        this.transactions = transactions;
        this.transaction = transaction;
        this.store = store;
        this.commands = commands;
        this.rules = rules;
        this.automaticSteps = automaticSteps;
        this.json = json;
        this.batchSize = batchSize;
        this.listedRejections = listedRejections;
    }

    /** What an import has done so far; the first {@code listed} rejections are kept, the rest only counted. */
    private static final class Progress {
        private final int listed;
        long lines;
        long applied;
        long duplicates;
        long rejected;
        long automaticSteps;
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        /** Cases with applied lines, whose automatic steps are decided at the end. */
        final Set<String> touched = new LinkedHashSet<>();

        Progress(int listed) {
            this.listed = listed;
        }

        void rejected(ImportReport.Rejection rejection) {
            rejected++;
            if (rejections.size() < listed) {
                rejections.add(rejection);
            }
        }

        ImportReport report() {
            return new ImportReport(lines, applied, duplicates, rejected, automaticSteps, rejections,
                    rejected - rejections.size());
        }
    }

    /** Reads the body line by line as it arrives (blank lines are skipped but keep the numbering). */
    public ImportReport run(Reader body) throws IOException {
        Progress progress = new Progress(listedRejections);
        CatalogSnapshot catalog = new CatalogSnapshot();
        LineReader reader = new LineReader(body, MAX_LINE_CHARS);
        List<ImportLine> batch = new ArrayList<>(batchSize);
        long number = 0;
        try {
            for (String raw = reader.next(); raw != null; raw = reader.next()) {
                number++;
                if (raw.isBlank()) {
                    continue;
                }
                progress.lines++;
                batch.add(ImportLine.parse(number, raw, json));
                if (batch.size() == batchSize) {
                    apply(batch, progress, catalog);
                    batch.clear();
                    if (progress.lines % 100_000 == 0) {
                        LOG.info("import: {} lines, {} applied, {} duplicates, {} rejected", progress.lines,
                                progress.applied, progress.duplicates, progress.rejected);
                    }
                }
            }
            apply(batch, progress, catalog);
        } finally {
            // also after a broken connection: what the committed batches touched is decided now
            progress.automaticSteps = decide(progress.touched);
        }
        return progress.report();
    }

    private void apply(List<ImportLine> batch, Progress progress, CatalogSnapshot catalog) {
        if (batch.isEmpty()) {
            return;
        }
        List<ImportLine> open = batch.stream().filter(l -> l.outcome == null).toList();
        Map<String, String> known = store.knownKeys(open.stream().map(l -> l.key).distinct().toList());
        Map<String, String> keysOfBatch = new HashMap<>();
        List<ImportLine> toApply = new ArrayList<>();
        for (ImportLine line : open) {
            String stored = known.containsKey(line.key) ? known.get(line.key) : keysOfBatch.putIfAbsent(line.key, line.hashHex);
            if (stored == null) {
                toApply.add(line);
            } else if (stored.equals(line.hashHex)) {
                line.outcome = ImportLine.Outcome.DUPLICATE;
            } else {
                line.reject(409, "idempotency.key-reused", "key", "this key was used for another line");
            }
        }
        Set<String> existing = store.existingCases(toApply.stream().filter(l -> l.command instanceof SubmitCase)
                .map(l -> l.caseId).toList());
        if (!applyTogether(toApply, existing, catalog)) {
            for (ImportLine line : toApply) {
                applyAlone(line, existing, catalog);
            }
        }
        for (ImportLine line : batch) {
            switch (line.outcome) {
                case APPLIED -> {
                    progress.applied++;
                    progress.touched.add(line.caseId);
                }
                case DUPLICATE -> progress.duplicates++;
                case REJECTED -> progress.rejected(line.rejection);
            }
        }
    }

    /** A refused line that had already changed its aggregate: the batch must be redone line by line. */
    private static final class PoisonedBatch extends RuntimeException {
        PoisonedBatch(Throwable cause) {
            super(cause);
        }
    }

    private boolean applyTogether(List<ImportLine> lines, Set<String> existing, CatalogSnapshot catalog) {
        if (lines.isEmpty()) {
            return true;
        }
        UnitOfWork<?> unitOfWork = startUnitOfWork(catalog);
        try {
            Set<String> created = new HashSet<>();
            for (ImportLine line : lines) {
                applyLine(line, existing, created, true);
            }
            finish(lines);
            unitOfWork.commit();
            return true;
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            LOG.debug("import batch redone line by line", e);
            lines.forEach(l -> {
                l.outcome = null;
                l.rejection = null;
            });
            return false;
        }
    }

    private void applyAlone(ImportLine line, Set<String> existing, CatalogSnapshot catalog) {
        UnitOfWork<?> unitOfWork = startUnitOfWork(catalog);
        try {
            applyLine(line, existing, new HashSet<>(), false);
            finish(List.of(line));
            unitOfWork.commit();
        } catch (AggregateStreamCreationException e) {
            rollback(unitOfWork, e);
            line.reject(409, "case.exists", "caseId", "a case with this caseId already exists");
        } catch (ConcurrencyException e) {
            rollback(unitOfWork, e);
            line.reject(409, "case.concurrent-update", null, "the case changed meanwhile; import the line again");
        } catch (RuntimeException e) {
            rollback(unitOfWork, e);
            throw e;
        }
    }

    private UnitOfWork<?> startUnitOfWork(CatalogSnapshot catalog) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("import batch"));
        AutomaticSteps.deferWithin(unitOfWork);
        catalog.useWithin(unitOfWork);
        unitOfWork.attachTransaction(transactions);
        return unitOfWork;
    }

    private static void rollback(UnitOfWork<?> unitOfWork, RuntimeException cause) {
        if (unitOfWork.isActive()) {
            unitOfWork.rollback(cause);
        }
    }

    /**
     * Sends one line's command through the command bus, in the batch's unit of work (the aggregate stays
     * loaded there from one line to the next); a refusal is recorded on the line.
     */
    private void applyLine(ImportLine line, Set<String> existing, Set<String> created, boolean inBatch) {
        try {
            if (line.command instanceof SubmitCase) {
                if (existing.contains(line.caseId) || created.contains(line.caseId)) {
                    line.reject(409, "case.exists", "caseId", "a case with this caseId already exists");
                    return;
                }
                commands.sendAndWait(line.command);
                created.add(line.caseId);
            } else {
                Long before = repository().load(line.caseId).version();
                try {
                    commands.sendAndWait(line.command);
                } catch (RuntimeException e) {
                    if (inBatch && !Objects.equals(before, repository().load(line.caseId).version())) {
                        throw new PoisonedBatch(e);
                    }
                    throw e;
                }
            }
            line.outcome = ImportLine.Outcome.APPLIED;
        } catch (CaseException e) {
            line.reject(e.status(), e.rule(), e.field(), e.getMessage());
        } catch (AggregateNotFoundException e) {
            line.reject(404, "case.unknown", "caseId", "no case " + line.caseId);
        } catch (CaseAccess.ForbiddenRegionException e) {
            line.reject(403, "auth.region", "handlingRegion", e.getMessage());
        }
    }

    /** In the batch's transaction: the applied lines' keys and what their cases now wait for. */
    private void finish(List<ImportLine> lines) {
        List<ImportStore.AppliedLine> applied = new ArrayList<>();
        Set<String> cases = new LinkedHashSet<>();
        for (ImportLine line : lines) {
            if (line.outcome == ImportLine.Outcome.APPLIED) {
                applied.add(new ImportStore.AppliedLine(line.key, line.hashHex, line.caseId));
                cases.add(line.caseId);
            }
        }
        List<AutomaticSteps.Pending> pending = new ArrayList<>(cases.size());
        for (String caseId : cases) {
            pending.add(repository().load(caseId).invoke(c -> c.pendingAutomaticSteps(rules)));
        }
        store.savePending(pending);
        store.saveKeys(applied);
    }

    /**
     * Schedules the automatic steps the touched cases wait for now that their lines are in; returns how many.
     * Chunks run on a few threads: scheduling is one round trip after another, so the time goes to waiting.
     */
    private long decide(Set<String> touched) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>(DECIDE_CHUNK);
        for (String caseId : touched) {
            chunk.add(caseId);
            if (chunk.size() == DECIDE_CHUNK) {
                chunks.add(chunk);
                chunk = new ArrayList<>(DECIDE_CHUNK);
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        if (chunks.size() <= 1) {
            return chunks.isEmpty() ? 0 : decideChunk(chunks.get(0));
        }
        ExecutorService threads = Executors.newFixedThreadPool(DECIDE_THREADS);
        try {
            long scheduled = 0;
            for (Future<Long> done : threads.invokeAll(chunks.stream().map(c -> (Callable<Long>) () -> decideChunk(c)).toList())) {
                scheduled += done.get();
            }
            return scheduled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scheduling automatic steps; they are scheduled at the next start", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("automatic steps not all scheduled; the rest are scheduled at the next start", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    private long decideChunk(List<String> caseIds) {
        Long scheduled = transaction.execute(status -> schedule(store.takePending(caseIds, caseIds.size())));
        return scheduled == null ? 0 : scheduled;
    }

    private long schedule(List<AutomaticSteps.Pending> pending) {
        long steps = 0;
        for (AutomaticSteps.Pending p : pending) {
            automaticSteps.schedule(p);
            steps += (p.correctionDueAt() == null ? 0 : 1) + (p.ratingDueAt() == null ? 0 : 1);
        }
        return steps;
    }

    /** Cases left pending by an import that did not finish (the process died) get their steps now. */
    @EventListener(ApplicationReadyEvent.class)
    public void decideLeftovers() {
        long steps = 0;
        List<AutomaticSteps.Pending> taken;
        do {
            taken = transaction.execute(status -> {
                List<AutomaticSteps.Pending> rows = store.takePending(null, DECIDE_CHUNK);
                schedule(rows);
                return rows;
            });
            steps += taken == null ? 0 : taken.stream().filter(AutomaticSteps.Pending::any).count();
        } while (taken != null && !taken.isEmpty());
        if (steps > 0) {
            LOG.info("import: scheduled the automatic steps of {} cases left pending by an unfinished import", steps);
        }
    }

    private Repository<ServiceCase> repository() {
        if (repository == null) {
            repository = axon.repository(ServiceCase.class);
        }
        return repository;
    }
}
