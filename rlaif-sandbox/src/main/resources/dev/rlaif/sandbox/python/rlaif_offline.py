"""The offline API environment of rlaif4j's executability sandbox.

No model hub is reachable from the sandbox, so the libraries that the Gorilla API databases document
(transformers, torch, tensorflow_hub, ...) are replaced by stand-ins generated from those databases.
The stand-ins are strict where a hallucinated API shows itself and permissive everywhere else:

* A loading call (``from_pretrained``, ``pipeline``, ``torch.hub.load``, ``hub.KerasLayer``, ...)
  validates its model id, repo, hub URL or task against the tables generated from the databases
  (``tables.json``) and raises the exception type the real library raises when it is unknown. Those
  exceptions carry the attribute ``_rlaif_api_error`` so the runner reports ``api_error``.
* A stand-in module only has the names that the databases' ``api_call`` and ``example_code`` fields
  use, plus a curated list of the real libraries' public names; any other name raises
  ``AttributeError`` (or ``ImportError`` for ``from m import name``, as Python itself does).
* Everything a valid call returns is a ``Permissive`` object: calling, indexing, iterating,
  arithmetic and attribute access all work, so code after a correct load runs on.
* Helper libraries (``HELPERS``) are the real ones when the interpreter has them, else permissive
  stand-ins. URL fetches through ``requests`` or ``urllib`` get a placeholder PNG response.

Installed by ``rlaif_runner.py`` before the snippet runs; nothing here is imported in real mode.
"""

import builtins
import dis
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import os
import sys
import types

# Libraries used around the API calls rather than being the API: real when installed, else a
# stand-in on which every attribute and submodule exists.
HELPERS = frozenset("""
PIL pandas cv2 soundfile librosa matplotlib sklearn joblib IPython scipy skimage imageio tqdm numpy
requests datasets decord pydub pytesseract gym gymnasium seaborn nltk spacy yaml h5py sounddevice
pyaudio torchmetrics evaluate accelerate safetensors tokenizers sentencepiece einops
""".split())

# A 1x1 transparent PNG: the body of every placeholder HTTP response and placeholder input file.
PLACEHOLDER_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005000126ac2b0000"
    "000049454e44ae426082")

_TABLES = {}
_API_ERROR_TYPES = {}
_UNPACK_SEQUENCE = dis.opmap.get("UNPACK_SEQUENCE")
_UNPACK_EX = dis.opmap.get("UNPACK_EX")


def api_error(base, *args):
    """An exception of the real library's type, tagged so the runner reports ``api_error``."""
    cls = _API_ERROR_TYPES.get(base)
    if cls is None:
        cls = type(base.__name__, (base,), {"_rlaif_api_error": True})
        cls.__module__ = base.__module__
        cls.__qualname__ = base.__qualname__
        _API_ERROR_TYPES[base] = cls
    return cls(*args)


# ----------------------------------------------------------------------------------------------
# Permissive objects
# ----------------------------------------------------------------------------------------------

def _expected_items():
    """How many items the caller unpacks (``a, b = obj``); 2 for any other iteration."""
    frame = sys._getframe(2)
    code = frame.f_code.co_code
    i = frame.f_lasti
    if 0 <= i < len(code) - 1:
        op, arg = code[i], code[i + 1]
        if op == _UNPACK_SEQUENCE:
            return arg
        if op == _UNPACK_EX:
            return (arg & 0xFF) + (arg >> 8)
    return 2


def _placeholder_path():
    """A file for what a download or a stand-in returns as a path (``urlretrieve`` targets)."""
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "rlaif_placeholder.png")
    if not os.path.exists(path):
        with builtins.open(path, "wb") as f:
            f.write(PLACEHOLDER_BYTES)
    return path


def _placeholder_dir():
    """An empty directory for ``os.fspath`` of a permissive value: a download's local folder."""
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "rlaif_placeholder")
    os.makedirs(path, exist_ok=True)
    return path


class PermissiveText(str):
    """A text result (a decoded sequence, a token, a label): a real ``str`` holding a placeholder.

    The real libraries return ``str`` there, and code passes it where only a ``str`` will do
    (``text.replace('[MASK]', token)``, ``' '.join(tokens)``). Attributes that ``str`` lacks are
    permissive, like everything else a valid call returns.
    """

    def __new__(cls, value="placeholder"):
        return str.__new__(cls, value)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Permissive()

    def __getitem__(self, key):
        """Text again, whatever the key: the placeholder's characters are not the real ones."""
        return PermissiveText()

    def __int__(self):
        return 1

    def __float__(self):
        return 0.5


# Methods of loaded objects whose real counterparts return text: tokenizers' and processors'
# ``decode``, ``convert_ids_to_tokens`` (a str for one id) and ``batch_decode`` (a list of str,
# or a dict of them for some processors). Each gives text, which indexes and iterates as well.
_TEXT_METHODS = frozenset(("decode", "convert_ids_to_tokens", "batch_decode"))

# Keys of the transformers pipelines' result dicts whose values are text.
_TEXT_KEYS = frozenset("""
token_str sequence generated_text summary_text translation_text label answer word entity
entity_group text
""".split())


def _is_literal(value):
    """A string the snippet wrote, not a placeholder result (which no id check should see)."""
    return isinstance(value, str) and not isinstance(value, PermissiveText)


def _is_decorated(args, kwargs):
    """``@obj`` on a function or on a class of the snippet (not ``x.astype(numpy.uint8)``)."""
    if len(args) != 1 or kwargs:
        return False
    target = args[0]
    return isinstance(target, types.FunctionType) or (
        isinstance(target, type) and getattr(target, "__module__", "") == "__main__")


class PermissiveMeta(type):
    """Metaclass of stand-in classes: class attributes resolve to loaders or permissive values."""

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        loader = _method_loader(cls, name)
        if loader is not None:
            return loader
        return _stand_in(cls.__rlaif_name__ + "." + name)

    def __call__(cls, *args, **kwargs):
        own_name = cls.__dict__.get("__rlaif_name__")
        check = _CALL_CHECKS.get(own_name)
        if check is not None:
            result = check(args, kwargs)
            if result is not None:
                return result
        elif own_name is not None:
            if _is_decorated(args, kwargs):
                return args[0]
            for key in _HF_ID_KEYWORDS:
                check_hf_id(kwargs.get(key))
        return super().__call__(*args, **kwargs)

    def __getitem__(cls, item):
        return cls

    def __iter__(cls):
        return iter([Permissive() for _ in range(_expected_items())])

    def __or__(cls, other):
        return cls

    __ror__ = __or__


class Permissive(metaclass=PermissiveMeta):
    """A value on which everything works: what a valid loader, call or attribute returns."""

    __rlaif_name__ = "object"

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        loader = _method_loader(type(self), name)
        if loader is not None:
            return loader
        if name in _TEXT_METHODS:
            return lambda *args, **kwargs: PermissiveText()
        value = Permissive()
        object.__setattr__(self, name, value)
        return value

    def __call__(self, *args, **kwargs):
        forward = getattr(type(self), "forward", None)
        if forward is not None and isinstance(forward, types.FunctionType):
            return forward(self, *args, **kwargs)
        call = getattr(type(self), "call", None)
        if call is not None and isinstance(call, types.FunctionType):
            return call(self, *args, **kwargs)
        if _is_decorated(args, kwargs):
            return args[0]
        return Permissive()

    def keys(self):
        """Empty, so ``f(**outputs)`` passes no keywords instead of placeholder keys."""
        return []

    def __array__(self, dtype=None, copy=None):
        import numpy
        return numpy.full((2, 2), 0.5, dtype=dtype or float)

    def __getitem__(self, key):
        if type(key) is str and key in _TEXT_KEYS:
            return PermissiveText()
        return Permissive()

    def __setitem__(self, key, value):
        pass

    def __delitem__(self, key):
        pass

    def __iter__(self):
        return iter([Permissive() for _ in range(_expected_items())])

    def __next__(self):
        return Permissive()

    def __reversed__(self):
        return iter([Permissive(), Permissive()])

    def __len__(self):
        return 2

    def __contains__(self, item):
        return True

    def __bool__(self):
        return True

    def __int__(self):
        return 1

    def __index__(self):
        """0: a placeholder index picks the first item, which every non-empty sequence has."""
        return 0

    def __float__(self):
        return 0.5

    def __complex__(self):
        return complex(0.5)

    def __round__(self, ndigits=None):
        return 0.5 if ndigits else 1

    def __str__(self):
        return "<placeholder>"

    def __repr__(self):
        return "<placeholder>"

    def __format__(self, spec):
        try:
            return format(0.5, spec)
        except (TypeError, ValueError):
            return format(str(self), spec) if spec else str(self)

    def __fspath__(self):
        return _placeholder_dir()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __await__(self):
        return iter(())

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def _op(self, *other):
        return Permissive()

    def _compare(self, other):
        """False in a condition: a placeholder passes no threshold and fails no guard such as
        ``rate <= 0``. The result is still permissive, as an element-wise comparison of the real
        tensors would be (``(scores > 0.5).astype(int)``)."""
        return PermissiveFalse()

    def __array_function__(self, func, types_, args, kwargs):
        """numpy functions on a placeholder (``np.concatenate``, ``np.argmax``) give a placeholder."""
        return Permissive()

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return Permissive()

    __lt__ = __le__ = __gt__ = __ge__ = _compare
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _op
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _op
    __pow__ = __rpow__ = __matmul__ = __rmatmul__ = __divmod__ = __rdivmod__ = _op
    __and__ = __rand__ = __or__ = __ror__ = __xor__ = __rxor__ = _op
    __lshift__ = __rlshift__ = __rshift__ = __rrshift__ = _op
    __neg__ = __pos__ = __abs__ = __invert__ = _op
    __iadd__ = __isub__ = __imul__ = __itruediv__ = __imatmul__ = _op


class PermissiveFalse(Permissive):
    """The result of comparing placeholders: false in a condition, permissive otherwise."""

    def __bool__(self):
        return False


def _stand_in(qualified_name):
    """A fresh permissive class standing for the named function or class."""
    short = qualified_name.rsplit(".", 1)[-1]
    cls = PermissiveMeta(short, (Permissive,), {"__rlaif_name__": qualified_name})
    cls.__module__ = qualified_name.rsplit(".", 1)[0] if "." in qualified_name else "builtins"
    return cls


# ----------------------------------------------------------------------------------------------
# Validation of loading calls
# ----------------------------------------------------------------------------------------------

def _first(args, kwargs, *keys):
    for k in keys:
        if k in kwargs:
            return kwargs[k]
    return args[0] if args else None


def _local(value):
    try:
        return os.path.exists(os.fspath(value))
    except TypeError:
        return False


def check_hf_id(value, alternatives=()):
    """Raises OSError, as transformers does, when a string model id is not in the databases."""
    if not _is_literal(value) or _local(value):
        return
    value = value.split("@", 1)[0]  # pyannote's repo@revision
    ids = _TABLES["hf_ids_lower"]
    for candidate in (value,) + tuple(a + value for a in alternatives):
        if candidate.strip().lower() in ids:
            return
    raise api_error(OSError, (
        "%s is not a local folder and is not a valid model identifier listed on "
        "'https://huggingface.co/models'\nIf this is a private repository, make sure to pass a "
        "token having permission to this repo" % value))


def _hf_loader(*keys, alternatives=()):
    def check(args, kwargs):
        check_hf_id(_first(args, kwargs, *keys), alternatives)
    return check


def _check_pipeline(args, kwargs):
    task = _first(args, kwargs, "task")
    tasks = _TABLES["pipeline_tasks"]
    if _is_literal(task) and task not in tasks and not task.startswith("translation_"):
        raise api_error(KeyError, "Unknown task %s, available tasks are %s" % (task, sorted(tasks)))
    for key in ("model", "tokenizer", "feature_extractor", "image_processor"):
        if isinstance(kwargs.get(key), str):
            check_hf_id(kwargs[key])
    if len(args) > 1 and isinstance(args[1], str):
        check_hf_id(args[1])


def _torch_hub_repo(args, kwargs):
    repo = _first(args, kwargs, "repo_or_dir", "github")
    if not _is_literal(repo) or kwargs.get("source") == "local" or _local(repo):
        return None
    name = repo.split(":", 1)[0].strip().rstrip("/")
    if name.lower() not in _TABLES["torchhub_lower"]:
        import urllib.error
        url = "https://github.com/%s/zipball/main" % name
        raise api_error(urllib.error.HTTPError, url, 404, "Not Found", None, None)
    return name


def _check_torch_hub_load(args, kwargs):
    repo = _torch_hub_repo(args, kwargs)
    if repo is None:
        return
    model = kwargs.get("model", args[1] if len(args) > 1 else None)
    models = _TABLES["torchhub_lower"][repo.lower()]
    if _is_literal(model) and models and model not in models:
        raise api_error(RuntimeError, "Cannot find callable %s in hubconf" % model)


def _check_torch_hub_list(args, kwargs):
    repo = _torch_hub_repo(args, kwargs)
    if repo is not None:
        return sorted(_TABLES["torchhub_lower"][repo.lower()])
    return None


def normalize_handle(url):
    """Canonical form of a TF Hub handle: scheme-less, no query, no trailing slash, lower case."""
    u = url.strip().split("?", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        if u.startswith(prefix):
            u = u[len(prefix):]
    return u.lower()


def _check_tfhub(args, kwargs):
    handle = _first(args, kwargs, "handle", "module_spec", "spec")
    if not _is_literal(handle) or _local(handle):
        return
    if normalize_handle(handle) not in _TABLES["tfhub_handles"]:
        raise api_error(OSError, (
            "Failed to resolve %s: HTTP Error 404: Not Found. The handle is not a published "
            "TensorFlow Hub model" % handle))


def _check_timm(args, kwargs):
    name = _first(args, kwargs, "model_name")
    if isinstance(name, str) and name.startswith("hf_hub:"):
        check_hf_id(name[len("hf_hub:"):])
    elif isinstance(name, str) and name.startswith("hf-hub:"):
        check_hf_id(name[len("hf-hub:"):])


# Calls on stand-in names, by qualified name: each validates and returns None (meaning: construct
# the permissive value as usual) or a value to return instead.
_CALL_CHECKS = {
    "transformers.pipeline": _check_pipeline,
    "transformers.pipelines.pipeline": _check_pipeline,
    "torch.hub.load": _check_torch_hub_load,
    "torch.hub.list": _check_torch_hub_list,
    "torch.hub.help": _check_torch_hub_load,
    "tensorflow_hub.KerasLayer": _check_tfhub,
    "tensorflow_hub.load": _check_tfhub,
    "tensorflow_hub.Module": _check_tfhub,
    "tensorflow_hub.resolve": _check_tfhub,
    "tensorflow_hub.text_embedding_column": _check_tfhub,
    "tensorflow_hub.image_embedding_column": _check_tfhub,
    "sentence_transformers.SentenceTransformer":
        _hf_loader("model_name_or_path", alternatives=("sentence-transformers/",)),
    "sentence_transformers.CrossEncoder": _hf_loader("model_name", "model_name_or_path"),
    "sentence_transformers.cross_encoder.CrossEncoder": _hf_loader("model_name", "model_name_or_path"),
    "huggingface_hub.hf_hub_download": _hf_loader("repo_id"),
    "huggingface_hub.snapshot_download": _hf_loader("repo_id"),
    "huggingface_hub.hf_hub_url": _hf_loader("repo_id"),
    "ultralyticsplus.YOLO": _hf_loader("model"),
    "fairseq.checkpoint_utils.load_model_ensemble_and_task_from_hf_hub": _hf_loader("model_id"),
    "rl_zoo3.load_from_hub.load_from_hub": _hf_loader("repo_id"),
    "huggingface_sb3.load_from_hub": _hf_loader("repo_id"),
    "timm.create_model": _check_timm,
}

# Keywords that name a Hugging Face repo whatever the class (parrot's ``Parrot(model_tag=...)``,
# ``AutoTrain``-style wrappers): checked on every stand-in construction.
_HF_ID_KEYWORDS = ("model_tag", "pretrained_model_name_or_path", "model_name_or_path", "repo_id", "model_id")

# Methods that load from the Hugging Face Hub, on any stand-in class of an API package.
_HF_METHODS = {
    "from_pretrained": ("pretrained_model_name_or_path", "model_name_or_path", "repo_id"),
    "from_hparams": ("source",),
    "from_hub": ("repo_id", "model_id"),
}
# flair's classifiers load hub models with a plain ``load``.
_FLAIR_LOAD = ("flair.",)


def _method_loader(cls, name):
    qualified = getattr(cls, "__rlaif_name__", "object")
    keys = _HF_METHODS.get(name)
    if keys is None and name == "load" and qualified.startswith(_FLAIR_LOAD):
        keys = ("model_path",)
    if keys is None or qualified == "object":
        return None

    def load(*args, **kwargs):
        check_hf_id(_first(args, kwargs, *keys))
        return cls()

    load.__name__ = name
    return load


# ----------------------------------------------------------------------------------------------
# Stand-in modules
# ----------------------------------------------------------------------------------------------

class StubModule(types.ModuleType):
    """A stand-in module of an API package: only the names the tables list exist.

    A module whose names include ``*`` (``torchvision.io.*`` in ``real_names.txt``) is a large
    namespace the curated list does not enumerate: every name exists there.
    """

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        full = self.__name__ + "." + name
        if full in _TABLES["modules"]:
            return importlib.import_module(full)
        names = _TABLES["modules"].get(self.__name__, ())
        if name in names or "*" in names:
            value = _stand_in(full)
            setattr(self, name, value)
            return value
        raise AttributeError("module '%s' has no attribute '%s'" % (self.__name__, name))


class HelperModule(types.ModuleType):
    """A stand-in for a helper library that is not installed: every name and submodule exists."""

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _stand_in(self.__name__ + "." + name)
        setattr(self, name, value)
        return value


class _StubLoader(importlib.abc.Loader):
    def __init__(self, helper):
        self.helper = helper

    def create_module(self, spec):
        module = (HelperModule if self.helper else StubModule)(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        module.__file__ = "<rlaif offline stand-in>"
        module.__version__ = "0.0.0+offline"


class _PatchingLoader(importlib.abc.Loader):
    """Runs the real module, then patches it (network placeholders)."""

    def __init__(self, inner, patch):
        self.inner = inner
        self.patch = patch

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        self.patch(module)


class OfflineFinder(importlib.abc.MetaPathFinder):
    """Serves the API packages from the tables and helpers as real-or-stand-in."""

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".", 1)[0]
        if fullname in _PATCHES:
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader, _PATCHES[fullname])
            return spec
        if top in HELPERS:
            if top in _REAL_HELPERS:
                return None
            return importlib.machinery.ModuleSpec(fullname, _StubLoader(True), is_package=True)
        if top in _TABLES["packages"] and top not in sys.stdlib_module_names:
            if fullname in _TABLES["modules"]:
                return importlib.machinery.ModuleSpec(fullname, _StubLoader(False), is_package=True)
            raise ModuleNotFoundError("No module named '%s'" % fullname, name=fullname)
        return None


_REAL_HELPERS = set()


def _find_real_helpers():
    for name in HELPERS:
        if importlib.machinery.PathFinder.find_spec(name) is not None:
            _REAL_HELPERS.add(name)


# ----------------------------------------------------------------------------------------------
# Network placeholders
# ----------------------------------------------------------------------------------------------

def _patch_requests_sessions(module):
    """Every request, whatever its URL (placeholders like ``your_image_url`` included), gets 200."""
    models = importlib.import_module("requests.models")

    def request(self, method, url, *args, **kwargs):
        response = models.Response()
        response.status_code = 200
        response._content = PLACEHOLDER_BYTES
        response.headers["Content-Type"] = "image/png"
        response.url = str(url)
        response.raw = io.BytesIO(PLACEHOLDER_BYTES)
        response.encoding = "utf-8"
        response.reason = "OK"
        return response

    module.Session.request = request


class _PlaceholderResponse(io.BytesIO):
    status = 200
    reason = "OK"

    def __init__(self, url):
        super().__init__(PLACEHOLDER_BYTES)
        self.url = url
        self.headers = {"Content-Type": "image/png"}

    def getcode(self):
        return 200

    def geturl(self):
        return self.url

    def info(self):
        return self.headers


def _patch_urllib_request(module):
    def urlopen(url, *args, **kwargs):
        return _PlaceholderResponse(getattr(url, "full_url", url))

    def urlretrieve(url, filename=None, *args, **kwargs):
        target = filename if filename is not None else _placeholder_path()
        with builtins.open(target, "wb") as f:
            f.write(PLACEHOLDER_BYTES)
        return target, {}

    module.urlopen = urlopen
    module.urlretrieve = urlretrieve


_PATCHES = {
    "requests.sessions": _patch_requests_sessions,
    "urllib.request": _patch_urllib_request,
}


# ----------------------------------------------------------------------------------------------
# Placeholder inputs
# ----------------------------------------------------------------------------------------------

class PlaceholderText(io.StringIO):
    """What reading a missing text file yields: a small valid file of its kind (``{}`` for JSON
    and unknown kinds), and a permissive value for ``json.load``."""

    def __init__(self, text="{}\n"):
        super().__init__(text)


# Text content of a missing input file by extension; anything else reads as ``{}``.
_PLACEHOLDER_TEXT = {
    ".csv": "a,b\n1,2\n",
    ".tsv": "a\tb\n1\t2\n",
    ".txt": "placeholder\n",
    ".md": "placeholder\n",
}


def _wav_bytes(rate=16000, samples=1600):
    """A short silent 16-bit mono WAV file."""
    import struct
    data = bytes(2 * samples)
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
            + b"data" + struct.pack("<I", len(data)) + data)


def _numpy_bytes(suffix):
    """A small float array saved as .npy, or as .npz under the key ``arr_0``."""
    import numpy
    buffer = io.BytesIO()
    array = numpy.full((2, 2), 0.5)
    (numpy.savez if suffix == ".npz" else numpy.save)(buffer, array)
    return buffer.getvalue()


def placeholder_bytes(path):
    """Binary content of a missing input file: a valid file of the kind its extension names
    (.wav, .npy, .npz, text formats), else the 1x1 PNG, which image readers sniff whatever the
    extension says."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix == ".wav":
        return _wav_bytes()
    if suffix in (".npy", ".npz"):
        try:
            return _numpy_bytes(suffix)
        except ImportError:
            return PLACEHOLDER_BYTES
    if suffix in _PLACEHOLDER_TEXT:
        return _PLACEHOLDER_TEXT[suffix].encode("utf-8")
    return PLACEHOLDER_BYTES


def _open_placeholder(real_open):
    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and not any(c in mode for c in "wax+"):
            try:
                return real_open(file, mode, *args, **kwargs)
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                name = os.fsdecode(file) if isinstance(file, bytes) else str(os.fspath(file))
                if "b" in mode:
                    return io.BytesIO(placeholder_bytes(name))
                return PlaceholderText(_PLACEHOLDER_TEXT.get(os.path.splitext(name)[1].lower(), "{}\n"))
        return real_open(file, mode, *args, **kwargs)
    return open_


def _json_load_placeholder(real_load):
    def load(fp, *args, **kwargs):
        if isinstance(fp, PlaceholderText):
            return Permissive()
        return real_load(fp, *args, **kwargs)
    return load


# The conventional import aliases: ``np.mean(x)`` without ``import numpy as np`` is a NameError.
MODULE_ALIASES = frozenset("np pd tf plt hub F nn sf tfds sns ipd mpimg".split())


def _module_names():
    return set(sys.stdlib_module_names) | HELPERS | MODULE_ALIASES | _TABLES.get("packages", frozenset())


def free_inputs(tree):
    """Names the snippet reads but never binds or calls, in lower case or upper case.

    Gorilla's answers leave the user's data (``image_path``, ``text``, ``IMAGE_PATH``,
    ``X_test``) undefined; those names get a permissive placeholder. A name qualifies when each
    of its underscore-separated parts is in one case. Undefined names that are called, or in
    mixed case within a part (classes such as ``Image``), are left alone and still raise
    NameError, and so are module names and their usual aliases (``torch``, ``json``, ``np``):
    using a module without importing it fails for a user too.
    """
    import ast
    bound, loaded, called = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called.add(node.func.id)
        elif isinstance(node, ast.MatchAs) and node.name:
            bound.add(node.name)
    free = (loaded - bound) | _read_before_bound(tree)
    free = free - called - set(dir(builtins)) - _module_names()
    return sorted(n for n in free if not n.startswith("__") and all(
        part in (part.lower(), part.upper()) for part in n.split("_")))


def _top_level_names(stmt, ctx):
    """Names the statement loads (ctx ast.Load) or binds, outside function, class and lambda bodies."""
    import ast
    todo = [stmt]
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        # Only what runs at definition time: decorators, defaults, bases.
        todo = list(stmt.decorator_list) + list(getattr(stmt, "bases", []))
        if not isinstance(stmt, ast.ClassDef):
            todo += list(stmt.args.defaults) + [d for d in stmt.args.kw_defaults if d is not None]
    out = set()
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ctx):
            out.add(node.id)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                todo.append(child)
    return out


def _read_before_bound(tree):
    """Module-level names read before the first statement that binds them, or by the value of
    that statement itself (``image = tf.image.resize(image, ...)``, ``total += x``): the user's
    data again, which the snippet goes on to transform."""
    import ast
    early, bound = set(), set()
    for stmt in getattr(tree, "body", []):
        loads = _top_level_names(stmt, ast.Load)
        early |= loads - bound
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id not in bound:
            early.add(stmt.target.id)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(stmt.name)
        for node in ast.walk(stmt):
            if isinstance(node, ast.alias):
                bound.add((node.asname or node.name).split(".")[0])
        stores = _top_level_names(stmt, (ast.Store, ast.Del))
        if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            # A loop or with statement binds before its body reads: those reads are not early.
            early -= stores - bound
        bound |= stores
    return early


# ----------------------------------------------------------------------------------------------
# Installation
# ----------------------------------------------------------------------------------------------

def install(tables_path):
    """Loads the tables and puts the offline environment in front of the import system."""
    with builtins.open(tables_path, encoding="utf-8") as f:
        tables = json.load(f)
    _TABLES["modules"] = {m: frozenset(names) for m, names in tables["modules"].items()}
    _TABLES["packages"] = frozenset(tables["packages"])
    _TABLES["hf_ids_lower"] = frozenset(i.lower() for i in tables["hf_ids"])
    _TABLES["torchhub_lower"] = {r.lower(): frozenset(ms) for r, ms in tables["torchhub"].items()}
    _TABLES["tfhub_handles"] = frozenset(normalize_handle(h) for h in tables["tfhub_handles"])
    _TABLES["pipeline_tasks"] = frozenset(tables["pipeline_tasks"])
    _find_real_helpers()
    sys.meta_path.insert(0, OfflineFinder())
    builtins.open = _open_placeholder(builtins.open)
    json.load = _json_load_placeholder(json.load)
    builtins.input = lambda prompt="": "placeholder"
