package ai.darwin.memory.export;

import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.memory.query.MemoryQueries;
import ai.darwin.memory.query.ProgramSources;
import ai.darwin.memory.query.VariantView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A run's memory as a git repository: one commit per variant holding its program as a tree, the entry file as
 * {@code Program.java} and each other file at its path ({@code model/Attention.java}), whose git parent is the commit
 * of its parent variant, so {@code git log} walks a lineage and {@code git diff A B} compares two variants file by
 * file. The seed program is the root commit; each variant has a tag {@code <variantId>} and the champion
 * the branch {@code champion}.
 */
@ApplicationScoped
public class GitExport {

    private final MemoryQueries queries;

    GitExport(MemoryQueries queries) {
        this.queries = queries;
    }

    /** The repository, zipped. */
    public byte[] zip(String runId, String championVariantId) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("darwin-git-export");
            write(runId, championVariantId, directory);
            return zipDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(directory);
        }
    }

    /** Writes the repository into an empty directory. */
    public void write(String runId, String championVariantId, Path directory) throws IOException {
        try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
             ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            List<Document> variants = queries.variants(runId, null).stream()
                    .filter(v -> v.get("proposal") != null).toList();
            Map<String, ObjectId> commits = new HashMap<>();
            for (Document variant : variants) {
                Document proposal = variant.get("proposal", Document.class);
                VariantView view = VariantView.of(variant);
                String parentId = view.parentVariantIds().isEmpty() ? null : view.parentVariantIds().get(0);
                ObjectId parent = parentId == null ? null : commits.get(parentId);
                if (parent == null && parentId != null && queries.variant(parentId).isEmpty()
                        && "UNCHANGED".equals(proposal.getString("status"))) {
                    // the seed is no variant of its own: the unchanged baseline carries its source
                    parent = commit(inserter, ProgramSources.of(proposal), null, "The seed program " + parentId,
                            proposal);
                    commits.put(parentId, parent);
                    tag(repository, parentId, parent);
                }
                ObjectId commit = commit(inserter, ProgramSources.of(proposal), parent, message(view), proposal);
                commits.put(view.variantId(), commit);
                tag(repository, view.variantId(), commit);
            }
            inserter.flush();
            ObjectId head = championVariantId != null ? commits.get(championVariantId) : null;
            if (head == null && !variants.isEmpty()) {
                head = commits.get(variants.get(variants.size() - 1).getString("_id"));
            }
            if (head != null) {
                update(repository, Constants.R_HEADS + "main", head);
                if (championVariantId != null && commits.containsKey(championVariantId)) {
                    update(repository, Constants.R_HEADS + "champion", commits.get(championVariantId));
                }
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot create the git export: " + e.getMessage(), e);
        }
    }

    private static ObjectId commit(ObjectInserter inserter, Map<String, String> files, ObjectId parent,
                                   String message, Document proposal) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree(inserter, files));
        if (parent != null) {
            commit.setParentId(parent);
        }
        java.util.Date when = java.util.Date.from(java.time.Instant.parse(proposal.getString("timestamp")));
        PersonIdent author = new PersonIdent(proposal.getString("mutatorAgentId"), "agents@darwin.invalid", when,
                TimeZone.getTimeZone("UTC"));
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    /**
     * The program's files as one tree, with a subtree per directory: an in-core index sorts the paths the way git
     * wants them. A path the contract does not allow ({@code ../x.java}; the worker refuses such a program) stays
     * out of the tree, so that no checkout of the export writes outside it; the JSON export still shows it.
     */
    static ObjectId tree(ObjectInserter inserter, Map<String, String> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!ProgramFiles.isValidPath(file.getKey())) {
                continue;
            }
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    private static String message(VariantView view) {
        String outcome = view.valBitsPerByte() != null ? String.format("val_bpb %.4f", view.valBitsPerByte())
                + (view.integrityGates().isEmpty() ? "" : ", held by " + String.join(", ", view.integrityGates()))
                : view.failureClass() != null ? "failed: " + view.failureClass() : "not trained";
        return view.variantId() + " (generation " + view.generation() + ", " + outcome + ")\n\n"
                + (view.reasoning() == null ? "" : view.reasoning()) + "\n";
    }

    private static void tag(Repository repository, String name, ObjectId commit) throws IOException {
        update(repository, Constants.R_TAGS + name, commit);
    }

    private static void update(Repository repository, String ref, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED) {
            throw new IOException("cannot set " + ref + ": " + result);
        }
    }

    private static byte[] zipDirectory(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
