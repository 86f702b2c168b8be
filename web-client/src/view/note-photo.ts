import { photoUrl, workshopIdOfBoard } from '../protocol/addresses';
import { h } from './dom';

/**
 * A note's photo on a board or the plenary. Its alternative text is empty: the note's text, read
 * with it, says what it shows (and is the text of the photo shown large).
 */
export function notePhoto(className: string): HTMLImageElement {
  return h('img', { className, testid: 'note-photo', alt: '', hidden: true, loading: 'lazy', decoding: 'async' });
}

/** Shows the note's photo (an id, possibly `''` for none) of a note of this board. */
export function showNotePhoto(image: HTMLImageElement, boardId: string, photo: string | undefined): void {
  image.hidden = !photo;
  if (!photo) {
    image.removeAttribute('src');
    return;
  }
  const url = photoUrl(workshopIdOfBoard(boardId), photo);
  if (image.getAttribute('src') !== url) image.src = url;
}
