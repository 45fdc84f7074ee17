// Most admin: the rich-text editor of news bodies and pages (civic/richtext.py, RichTextEditor).
//
// Every textarea that carries the editor's configuration becomes a ProseMirror editor with
// exactly the extensions named there: the elements the sanitiser keeps, nothing more. Without
// JavaScript the textarea stays and takes HTML; the server sanitises what is saved either way.
//
// django-prose-editor's own presets import "django-prose-editor/editor" through an inline
// import map, which the Content Security Policy blocks; this module imports the same file by
// its path instead. The editor's dialogs take their text from the admin's JavaScript catalogue
// (/admin/jsi18n/, locale/*/LC_MESSAGES/djangojs.po); its toolbar names its buttons in English
// only, so they are translated here from the same catalogue.
import * as prose from "../django_prose_editor/editor.js";

const CONFIG = "data-django-prose-editor-configurable";
const translate = window.gettext || ((text) => text);

function translateMenu(wrapper) {
  const menu = wrapper.querySelector(".prose-menubar");
  if (!menu) {
    return;
  }
  for (const button of menu.querySelectorAll("[title]")) {
    const english = button.dataset.englishTitle || button.title;
    button.dataset.englishTitle = english;
    button.title = translate(english);
    button.setAttribute("aria-label", translate(english));
  }
  // The block-type menu lists "paragraph", "heading 2"… as the text of its options.
  for (const option of menu.querySelectorAll(".prose-menubar__option > *, .prose-menubar__dropdown > button > *")) {
    const english = option.dataset.englishText || option.textContent;
    option.dataset.englishText = english;
    option.textContent = translate(english);
  }
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return;
  }
  const config = JSON.parse(textarea.getAttribute(CONFIG));
  const extensions = Object.entries(config.extensions).map(([name, options]) =>
    typeof options === "object" ? prose[name].configure(options) : prose[name],
  );
  const editor = prose.createTextareaEditor(textarea, extensions);
  const wrapper = textarea.closest(".prose-editor");
  // The toolbar redraws the current block type on every change; translate it each time.
  translateMenu(wrapper);
  editor.on("transaction", () => translateMenu(wrapper));
}

prose.initializeEditors(createEditor, `[${CONFIG}]`);
