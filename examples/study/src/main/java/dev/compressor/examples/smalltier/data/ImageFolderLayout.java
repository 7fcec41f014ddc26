package dev.compressor.examples.smalltier.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The image files of a data folder and their labels, in DataVec's and torchvision's
 * {@code ImageFolder} convention: a folder per class holding PNG or JPEG files (the label of a file
 * is the index of its folder's name among the class folders sorted by {@link String#compareTo}, as
 * DataVec's {@code ParentPathLabelGenerator} with {@code ImageRecordReader} numbers them), or image
 * files directly in the folder (unlabelled). Names starting with a dot are ignored; any other file
 * that is not {@code .png}, {@code .jpg} or {@code .jpeg} is an error, as are an empty folder, an
 * empty class folder, a folder inside a class folder, and images next to class folders.
 *
 * <p>Files are ordered so that any leading part is balanced over the classes: the first file of
 * each class in class order, then the second of each, and so on (files of a class sorted by name).
 * Immutable.
 *
 * @param dir the folder
 * @param files the image files, in that order
 * @param labels each file's label, or null when the folder has no class folders
 * @param classNames the class folders' names, sorted (index = label); empty when unlabelled
 */
public record ImageFolderLayout(Path dir, List<Path> files, int[] labels, List<String> classNames) {

    /**
     * Copies the lists and the labels.
     *
     * @throws IllegalArgumentException if there are labels but not one per file
     */
    public ImageFolderLayout {
        files = List.copyOf(files);
        classNames = List.copyOf(classNames);
        labels = labels == null ? null : labels.clone();
        if (labels != null && labels.length != files.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + files.size() + " files");
        }
    }

    /**
     * Lists a data folder.
     *
     * @param dir the folder
     * @return its layout
     * @throws IllegalArgumentException if the folder is missing, empty, or holds a file or folder that
     *     does not fit the convention, naming it
     * @throws UncheckedIOException if a folder cannot be listed
     */
    public static ImageFolderLayout scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data folder " + dir + (Files.exists(dir) ? " is not a folder"
                    : " does not exist"));
        }
        List<Path> folders = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        sortInto(dir, folders, images);
        if (folders.isEmpty() && images.isEmpty()) {
            throw new IllegalArgumentException("data folder " + dir + " is empty: expected a folder per class of "
                    + "PNG/JPEG images, or PNG/JPEG images directly in it (unlabelled)");
        }
        if (folders.isEmpty()) {
            return new ImageFolderLayout(dir, images, null, List.of());
        }
        if (!images.isEmpty()) {
            throw new IllegalArgumentException("data folder " + dir + " holds both class folders (" + folders.get(0)
                    .getFileName() + ") and images (" + images.get(0).getFileName() + "): put every image in a "
                    + "class folder, or use no class folders for unlabelled images");
        }
        List<List<Path>> perClass = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : folders) {
            List<Path> sub = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            sortInto(f, sub, files);
            if (!sub.isEmpty()) {
                throw new IllegalArgumentException("class folder " + f + " holds a folder, " + sub.get(0)
                        .getFileName() + ": class folders hold PNG/JPEG images only");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("class folder " + f + " holds no images: every class folder "
                        + "needs at least one (its index among the sorted folder names is its label)");
            }
            perClass.add(files);
            names.add(f.getFileName().toString());
        }
        List<Path> ordered = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int total = perClass.stream().mapToInt(List::size).sum();
        for (int round = 0; ordered.size() < total; round++) {
            for (int c = 0; c < perClass.size(); c++) {
                if (round < perClass.get(c).size()) {
                    ordered.add(perClass.get(c).get(round));
                    labels.add(c);
                }
            }
        }
        return new ImageFolderLayout(dir, ordered, labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    /** The folder's entries sorted by name: sub-folders and image files; throws for any other file. */
    private static void sortInto(Path dir, List<Path> folders, List<Path> images) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                folders.add(p);
            } else if (isImageName(name)) {
                images.add(p);
            } else {
                throw new IllegalArgumentException(p + ": not a PNG or JPEG image (by its name); the data folder "
                        + "may hold only class folders and .png/.jpg/.jpeg files");
            }
        }
    }

    /**
     * Whether a file name ends in {@code .png}, {@code .jpg} or {@code .jpeg}, in any case.
     *
     * @param name the name
     * @return true for an image name
     */
    public static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * Whether the folder has class folders.
     *
     * @return true when every file has a label
     */
    public boolean labelled() {
        return labels != null;
    }

    /**
     * The labels (a copy), or null when unlabelled.
     *
     * @return the labels
     */
    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageFolderLayout l && l.dir.equals(dir) && l.files.equals(files)
                && Arrays.equals(l.labels, labels) && l.classNames.equals(classNames);
    }

    @Override
    public int hashCode() {
        return files.hashCode() * 31 + Arrays.hashCode(labels);
    }

    /** Returns e.g. {@code "/data/pets: 37 class folders, 3669 images"}. */
    @Override
    public String toString() {
        return dir + ": " + (labelled() ? classNames.size() + " class folders, " : "no class folders (unlabelled), ")
                + files.size() + " images";
    }
}
