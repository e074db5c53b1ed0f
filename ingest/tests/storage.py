"""A file storage that refuses pictures, standing in for a disk that fails part-way through an
import: the original document is stored first, then storing the page's hero picture fails."""

from django.core.files.storage import FileSystemStorage


class PictureRefusingStorage(FileSystemStorage):
    """Stores documents as usual; raises OSError for image files, as a full disk would."""

    def _save(self, name, content):
        if name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".webp")):
            raise OSError(28, "No space left on device")
        return super()._save(name, content)
